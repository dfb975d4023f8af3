package com.saleskpi.opportunity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.saleskpi.common.crud.OpaqueCursors;
import com.saleskpi.common.crud.Page;
import com.saleskpi.common.crud.PageLinks;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.database.PooledStatements;
import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A deal's history, read from its versions (opportunity_version, which triggers keep in the transaction of every
 * change): its creation with each field it was given, each later change of a field the pipeline is measured by, and
 * its deletion, oldest first. Visible to whoever may see the deal.
 */
@ApplicationScoped
public class DealHistory {

    /** What happened to the deal. */
    public enum Kind { CREATED, UPDATED, DELETED }

    @JsonPropertyOrder({ "at", "by", "change", "field", "oldValue", "newValue" })
    @Schema(description = "One change of a deal: a field given at creation, a field changed, or the deletion (no field)")
    public record DealChange(@Schema(required = true) Instant at, @Schema(description = "Who made it, when known") String by,
            @Schema(required = true) Kind change,
            @Schema(description = "The field, as the opportunity names it; absent for a deletion") String field,
            @Schema(description = "Its value before, as text; absent at creation") String oldValue,
            @Schema(description = "Its value after, as text; absent when cleared, and for a deletion") String newValue) {
    }

    /**
     * Each version's fields as text, numbered in the order a version's changes are listed; compared with the same field
     * of the version before (lag), so that a change is listed once, where its value differs.
     */
    private static final String CHANGES = """
            select x.version_id, x.position, x.at, x.by, x.change, x.field, x.old_value, x.new_value
            from (select v.version_id, f.position, v.valid_from as at, v.changed_by as by, v.deleted, f.field,
                         case when v.deleted then 'DELETED' when lag(v.version_id) over w is null then 'CREATED' else 'UPDATED' end as change,
                         lag(f.value) over w as old_value, f.value as new_value
                  from opportunity_version v
                  cross join lateral (values (1, 'stage', v.stage::text), (2, 'amount', trim_scale(v.amount)::text),
                      (3, 'currency', v.currency::text), (4, 'expectedCloseOn', v.expected_close_on::text),
                      (5, 'closedOn', v.closed_on::text), (6, 'ownerRepId', v.owner_rep_id::text), (7, 'teamId', v.team_id::text),
                      (8, 'territoryId', v.territory_id::text), (9, 'channelId', v.channel_id::text),
                      (10, 'productId', v.product_id::text), (11, 'accountId', v.account_id::text), (12, 'leadId', v.lead_id::text),
                      (13, 'type', v.type::text), (14, 'openedOn', v.opened_on::text),
                      (15, 'forecastCategory', v.forecast_category::text)) f(position, field, value)
                  where v.id = $1
                  window w as (partition by f.field order by v.valid_from, v.version_id)) x
            where (x.version_id, x.position) > ($2, $3)
              and case x.change when 'CREATED' then x.new_value is not null
                                when 'UPDATED' then x.old_value is distinct from x.new_value
                                else x.position = 1 end
            order by x.version_id, x.position
            limit $4""";

    private final OpportunityService deals;
    private final CallerScopes scopes;
    private final Pool pool;

    DealHistory(OpportunityService deals, CallerScopes scopes, Pool pool) {
        this.deals = deals;
        this.scopes = scopes;
        this.pool = pool;
    }

    /**
     * A page of the deal's changes after the cursor: of a deal the caller may see, or of a deleted one to those who see
     * everything (admins, analysts); a 404 otherwise.
     */
    public Uni<Page<DealChange>> page(UUID id, String cursor, int limit, PageLinks links) {
        long[] after = cursor == null ? new long[] { 0, 0 } : decode(cursor);
        return visible(id).chain(() -> PooledStatements.execute(pool, CHANGES, Tuple.of(id, after[0], (int) after[1], limit + 1)))
                .map(rows -> {
                    List<DealChange> changes = new ArrayList<>();
                    String next = null;
                    for (Row row : rows) {
                        if (changes.size() == limit) {
                            break;
                        }
                        Kind kind = Kind.valueOf(row.getString("change"));
                        changes.add(new DealChange(row.getOffsetDateTime("at").toInstant(), row.getString("by"), kind,
                                kind == Kind.DELETED ? null : row.getString("field"), kind == Kind.DELETED ? null : row.getString("old_value"),
                                kind == Kind.DELETED ? null : row.getString("new_value")));
                        next = OpaqueCursors.encode(String.valueOf(row.getLong("version_id")), String.valueOf(row.getInteger("position")));
                    }
                    boolean more = rows.size() > limit;
                    return new Page<>(changes, more ? next : null, more && links != null ? links.withCursor(next) : null);
                });
    }

    /** Whether the caller may read the deal's history: they see the deal, or see everything and it was deleted. */
    private Uni<Void> visible(UUID id) {
        return deals.get(id).replaceWithVoid().onFailure(notFound -> notFound instanceof ProblemException problem
                && problem.type() == ProblemType.NOT_FOUND).recoverWithUni(notFound -> scopes.current().chain(scope -> !scope.seesEverything()
                        ? Uni.createFrom().failure(notFound)
                        : PooledStatements.execute(pool, "select 1 from opportunity_version where id = $1 and deleted", Tuple.of(id))
                                .chain(rows -> rows.size() > 0 ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound))));
    }

    private static long[] decode(String cursor) {
        String[] parts = OpaqueCursors.decode(cursor, 2);
        try {
            return new long[] { Long.parseLong(parts[0]), Integer.parseInt(parts[1]) };
        } catch (NumberFormatException e) {
            throw OpaqueCursors.notOurs();
        }
    }
}
