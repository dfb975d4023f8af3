package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The database as a second wall: a statement that forgets the scope predicate, run in a transaction bound to a rep's
 * or a manager's scope, still sees, changes and counts only their rows, in the owned tables, the rollups and the tombstones.
 */
@QuarkusTest
class DatabaseWallTest {

    @Inject
    AccessRules rules;

    @Inject
    Pool pool;

    static UUID teamA, teamB, repA, repB, dealA, dealB, deletedA, deletedB;

    @BeforeEach
    void world() {
        if (teamA != null) {
            return;
        }
        teamA = UUID.fromString(create("/api/v1/teams", Fixtures.teamBody()));
        teamB = UUID.fromString(create("/api/v1/teams", Fixtures.teamBody()));
        repA = UUID.fromString(create("/api/v1/reps", rep(teamA)));
        repB = UUID.fromString(create("/api/v1/reps", rep(teamB)));
        dealA = UUID.fromString(create("/api/v1/opportunities", wonDeal(repA, 100)));
        dealB = UUID.fromString(create("/api/v1/opportunities", wonDeal(repB, 400)));
        deletedA = UUID.fromString(create("/api/v1/opportunities", wonDeal(repA, 1)));
        deletedB = UUID.fromString(create("/api/v1/opportunities", wonDeal(repB, 1)));
        for (UUID doomed : List.of(deletedA, deletedB)) {
            admin().delete("/api/v1/opportunities/" + doomed).then().statusCode(204);
        }
    }

    private static Map<String, Object> rep(UUID team) {
        Map<String, Object> body = Fixtures.repBody();
        body.put("teamId", team.toString());
        body.put("externalId", unique("wall"));
        return body;
    }

    private static Map<String, Object> wonDeal(UUID rep, int amount) {
        return map("name", unique("Wall deal"), "ownerRepId", rep.toString(), "type", "NEW_BUSINESS", "stage", "CLOSED_WON",
                "amount", amount, "currency", "EUR", "openedOn", "2032-01-05", "closedOn", "2032-01-20");
    }

    /** One statement in the caller's scope, as the service runs its reads (AccessRules.query), and what is read from its rows. */
    private <T> T asCaller(CallerScope scope, String sql, Tuple parameters, Function<RowSet<Row>, T> read) {
        return rules.query(pool, scope, sql, parameters).map(read).await().indefinitely();
    }

    private <T> T asCaller(CallerScope scope, String sql, Function<RowSet<Row>, T> read) {
        return asCaller(scope, sql, Tuple.tuple(), read);
    }

    private static Set<UUID> ids(RowSet<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(row -> ids.add(row.getUUID(0)));
        return ids;
    }

    private Set<UUID> dealsSeen(CallerScope scope) {
        return asCaller(scope, "select id from opportunity where id in ('" + dealA + "', '" + dealB + "')", DatabaseWallTest::ids);
    }

    @Test
    void aStatementWithoutTheScopePredicateStillSeesOnlyTheCallersRows() {
        CallerScope rep = new CallerScope(Role.REP, repA, teamA, List.of(), List.of());
        CallerScope manager = new CallerScope(Role.MANAGER, UUID.randomUUID(), teamB, List.of(teamB), List.of(repB));
        assertTrue(rules.restricts(rep), "the tests run with the wall up");
        assertEquals(Set.of(dealA), dealsSeen(rep));
        assertEquals(Set.of(dealB), dealsSeen(manager));
        assertEquals(Set.of(dealA, dealB), dealsSeen(new CallerScope(Role.ANALYST, null, null, List.of(), List.of())));
        assertEquals(Set.of(repA), asCaller(rep, "select id from sales_rep where id in ('" + repA + "', '" + repB + "')",
                DatabaseWallTest::ids));
        assertEquals(Set.of(teamB), asCaller(manager, "select id from team where id in ('" + teamA + "', '" + teamB + "')",
                DatabaseWallTest::ids));
    }

    @Test
    void rollupsAndTombstonesAreWalledToo() {
        CallerScope rep = new CallerScope(Role.REP, repA, teamA, List.of(), List.of());
        String bookings = "select coalesce(sum(won_amount), 0)::int from deals_closed_daily where day = '2032-01-20'";
        assertEquals(100, (int) asCaller(rep, bookings, rows -> rows.iterator().next().getInteger(0)),
                "rep A's deal; rep B's 400 is not there");
        assertEquals(500, (int) asCaller(new CallerScope(Role.ADMIN, null, null, List.of(), List.of()),
                bookings, rows -> rows.iterator().next().getInteger(0)));
        String tombstones = "select record_id from deleted_record where record_id in ('" + deletedA + "', '" + deletedB + "')";
        assertEquals(Set.of(deletedA), asCaller(rep, tombstones, DatabaseWallTest::ids));
    }

    @Test
    void writesOutsideTheScopeChangeNothingOrFail() {
        CallerScope rep = new CallerScope(Role.REP, repA, teamA, List.of(), List.of());
        int updated = asCaller(rep, "update opportunity set amount = 1 where id = $1", Tuple.of(dealB), RowSet::rowCount);
        assertEquals(0, updated, "someone else's deal is not even found");
        assertThrows(RuntimeException.class, () -> asCaller(rep, "update opportunity set owner_rep_id = $1 where id = $2",
                Tuple.of(repB, dealA), RowSet::rowCount), "a row may not be moved out of the scope");
        admin().get("/api/v1/opportunities/" + dealA).then().statusCode(200).body("ownerRepId", org.hamcrest.Matchers.equalTo(repA.toString()));
        admin().get("/api/v1/opportunities/" + dealB).then().statusCode(200).body("amount", org.hamcrest.Matchers.equalTo(400.0f));
    }
}
