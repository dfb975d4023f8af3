package com.saleskpi.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.Ownership;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

/**
 * The tombstones owed to a caller: records of the given tables deleted after a sync point that the caller could see
 * (each table's rule, Ownership.deletionsCondition), oldest first, after a position in (deleted_at, id) order. The one
 * query of both deletion feeds: /sync/deletions (one table) and /sync/changes (all of them).
 */
@Singleton
public class OwedDeletions {

    /** A deleted record; sequence orders tombstones deleted at the same instant. */
    public record Tombstone(String table, UUID id, OffsetDateTime deletedAt, long sequence) {
    }

    private final Pool pool;
    private final AccessRules rules;

    public OwedDeletions(Pool pool, AccessRules rules) {
        this.pool = pool;
        this.rules = rules;
    }

    /** At most limit tombstones deleted after since and after (afterAt, afterSequence). */
    public Uni<List<Tombstone>> after(CallerScope scope, List<Ownership> tables, Instant since, Instant afterAt, long afterSequence,
            int limit) {
        List<Object> parameters = new ArrayList<>(List.of(utc(since), utc(afterAt), afterSequence, limit));
        List<String> owed = new ArrayList<>();
        for (Ownership rule : tables) {
            parameters.add(rule.table());
            Ownership.Condition condition = rule.deletionsCondition(scope, parameters.size() + 1);
            owed.add("(d.entity = $" + parameters.size() + " and " + condition.text() + ")");
            parameters.addAll(condition.parameters().values());
        }
        String sql = "select d.entity, d.record_id, d.deleted_at, d.id from deleted_record d where d.deleted_at > $1"
                + " and (d.deleted_at, d.id) > ($2, $3) and (" + String.join(" or ", owed) + ") order by d.deleted_at, d.id limit $4";
        return rules.query(pool, scope, sql, Tuple.from(parameters)).map(rows -> {
            List<Tombstone> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new Tombstone(row.getString(0), row.getUUID(1), row.getOffsetDateTime(2), row.getLong(3)));
            }
            return found;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
