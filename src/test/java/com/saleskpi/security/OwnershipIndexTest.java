package com.saleskpi.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.security.CallerScope.Role;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Every table whose read rule compares a rep column of its own has an index on (that column, updated_at, id): a rep's
 * list and sync pages, ordered by (updated_at, id) and continued from a cursor, read only the rep's rows. The tables
 * come from the {@link Owned} declarations, so an entity added with a rep is covered, or this test names it.
 */
@QuarkusTest
class OwnershipIndexTest {

    @Inject
    AccessRules rules;

    @Inject
    Pool pool;

    @Test
    void everyTableReadByItsRepColumnHasAnIndexOfTheRepsPages() {
        List<String> checked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        CallerScope aRep = new CallerScope(Role.REP, UUID.randomUUID(), UUID.randomUUID(), List.of(), List.of());
        for (Ownership rule : rules.all()) {
            // the column a rep's pages lead their keyset with (Criteria.after): the index must start with it
            Ownership.Pinned pinned = rule.pinned(aRep);
            if (pinned == null) {
                continue; // no rep column, the rep record itself (its primary key), or a rep found through the account
            }
            String keys = "(" + pinned.column().substring(rule.table().length() + 1) + ", updated_at, id)";
            List<String> definitions = pool.preparedQuery("select indexdef from pg_indexes where schemaname = 'public' and tablename = $1")
                    .execute(Tuple.of(rule.table())).await().indefinitely().stream().map((Row row) -> row.getString(0)).toList();
            checked.add(rule.table());
            if (definitions.stream().noneMatch(definition -> definition.endsWith(" USING btree " + keys))) {
                missing.add(rule.table() + " " + keys);
            }
        }
        assertTrue(missing.isEmpty(), "tables without the index of a rep's pages: " + missing);
        // (targets are read by the team's reps too, Owned#readByTeamReps: a rep's pages of them are not theirs alone)
        assertTrue(checked.containsAll(List.of("activity", "lead", "opportunity", "sales_order", "account", "commission_plan")),
                "the rules with a rep column of their own: " + checked);
    }
}
