package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Reps see their own records, managers their teams' (with sub-teams), analysts everything read-only,
 * over every path: lists, get by id, writes, filters, pagination and KPIs. Tokens are real and signed;
 * their subject is the rep's externalId.
 */
@QuarkusTest
class RowLevelSecurityTest {

    @Inject
    Pool pool;

    /** Team A (manager mgrA, rep repA) with sub-team A1 (repA1); team B (repB). */
    static String teamA, teamA1, teamB, mgrA, repA, repA1, repB, subMgrA, subRepA, subRepB;
    static String dealA, dealA1, dealB;

    @BeforeEach
    void organisation() {
        if (teamA != null) {
            return;
        }
        teamA = create("/api/v1/teams", Fixtures.teamBody());
        teamA1 = create("/api/v1/teams", map("name", unique("TeamA1"), "parentId", teamA));
        teamB = create("/api/v1/teams", Fixtures.teamBody());
        subMgrA = unique("sub-mgr");
        subRepA = unique("sub-rep");
        subRepB = unique("sub-repb");
        mgrA = create("/api/v1/reps", rep(teamA, subMgrA, "SALES_MANAGER"));
        repA = create("/api/v1/reps", rep(teamA, subRepA, "ACCOUNT_EXECUTIVE"));
        repA1 = create("/api/v1/reps", rep(teamA1, unique("sub-repa1"), "ACCOUNT_EXECUTIVE"));
        repB = create("/api/v1/reps", rep(teamB, subRepB, "ACCOUNT_EXECUTIVE"));
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", mgrA)).patch("/api/v1/teams/" + teamA)
                .then().statusCode(200);
        dealA = create("/api/v1/opportunities", deal(repA, teamA, 100));
        dealA1 = create("/api/v1/opportunities", deal(repA1, teamA1, 200));
        dealB = create("/api/v1/opportunities", deal(repB, teamB, 400));
    }

    private static Map<String, Object> rep(String team, String subject, String role) {
        Map<String, Object> body = Fixtures.repBody();
        body.put("teamId", team);
        body.put("externalId", subject);
        body.put("role", role);
        return body;
    }

    private static Map<String, Object> deal(String owner, String team, int amount) {
        return map("name", unique("Deal"), "ownerRepId", owner, "teamId", team, "type", "NEW_BUSINESS", "stage", "CLOSED_WON",
                "amount", amount, "currency", "EUR", "openedOn", "2026-01-05", "closedOn", "2026-01-20");
    }

    private static RequestSpecification as(String subject, String role) {
        return com.saleskpi.testing.Api.asSubject(subject, role);
    }

    /** Walks every page (two deals a page, by amount) as the caller, as a client following nextCursor would. */
    private List<String> dealsSeenBy(String subject, String role) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification page = as(subject, role).queryParam("limit", 2).queryParam("sort", "-amount");
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            var answer = page.get("/api/v1/opportunities").then().statusCode(200).extract();
            ids.addAll(answer.path("items.id"));
            cursor = answer.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void repSeesOnlyOwnDealsThroughListsAndPages() {
        List<String> seen = dealsSeenBy(subRepA, "sales-rep");
        assertEquals(List.of(dealA), seen);
        as(subRepA, "sales-rep").get("/api/v1/opportunities/" + dealB).then().statusCode(404);
        as(subRepA, "sales-rep").queryParam("ownerRepId", repB).get("/api/v1/opportunities").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void repCannotChangeOrCreateOutsideTheirScope() {
        long before = Database.count(pool, "opportunity");
        as(subRepA, "sales-rep").contentType("application/merge-patch+json").body(Map.of("amount", 1)).patch("/api/v1/opportunities/" + dealB)
                .then().statusCode(404);
        as(subRepA, "sales-rep").delete("/api/v1/opportunities/" + dealB).then().statusCode(404);
        as(subRepA, "sales-rep").body(deal(repB, teamB, 5)).post("/api/v1/opportunities").then().statusCode(403)
                .contentType("application/problem+json");
        // handing one's own deal to another rep would take it out of scope: refused, nothing changed
        as(subRepA, "sales-rep").contentType("application/merge-patch+json").body(Map.of("ownerRepId", repB))
                .patch("/api/v1/opportunities/" + dealA).then().statusCode(403);
        admin().get("/api/v1/opportunities/" + dealA).then().body("ownerRepId", equalTo(repA)).body("version", equalTo(0));
        assertEquals(before, Database.count(pool, "opportunity"));
        as(subRepA, "sales-rep").contentType("application/merge-patch+json").body(Map.of("amount", 150))
                .patch("/api/v1/opportunities/" + dealA).then().statusCode(200).body("updatedBy", equalTo(subRepA));
        // and back, so that what other tests count of the deal does not depend on their order
        as(subRepA, "sales-rep").contentType("application/merge-patch+json").body(Map.of("amount", 100))
                .patch("/api/v1/opportunities/" + dealA).then().statusCode(200);
    }

    @Test
    void managerSeesTheTeamAndItsSubTeamsOnly() {
        List<String> seen = dealsSeenBy(subMgrA, "sales-manager");
        assertEquals(Set.of(dealA, dealA1), Set.copyOf(seen));
        as(subMgrA, "sales-manager").get("/api/v1/opportunities/" + dealB).then().statusCode(404);
        as(subMgrA, "sales-manager").get("/api/v1/reps").then().statusCode(200)
                .body("items.id", hasItem(repA1)).body("items.id", not(hasItem(repB)));
        as(subMgrA, "sales-manager").contentType("application/merge-patch+json").body(Map.of("teamId", teamB, "ownerRepId", repB))
                .patch("/api/v1/opportunities/" + dealA1).then().statusCode(403);
    }

    @Test
    void noWritePlacesADealInATeamOutsideTheScope() {
        long before = Database.count(pool, "opportunity");
        Map<String, Object> ownDealInTeamB = deal(repA, teamB, 7);
        as(subRepA, "sales-rep").body(ownDealInTeamB).post("/api/v1/opportunities").then().statusCode(403)
                .body("errors[0].field", equalTo("teamId"));
        as(subMgrA, "sales-manager").body(ownDealInTeamB).post("/api/v1/opportunities").then().statusCode(403);
        as(subRepA, "sales-rep").contentType("application/merge-patch+json").body(Map.of("teamId", teamB))
                .patch("/api/v1/opportunities/" + dealA).then().statusCode(403);
        as(subMgrA, "sales-manager").contentType("application/merge-patch+json").body(Map.of("teamId", teamB))
                .patch("/api/v1/opportunities/" + dealA1).then().statusCode(403);
        assertEquals(before, Database.count(pool, "opportunity"));
        admin().get("/api/v1/opportunities/" + dealA1).then().body("teamId", equalTo(teamA1));
        // a manager may move a deal between the teams they manage
        as(subMgrA, "sales-manager").contentType("application/merge-patch+json").body(Map.of("teamId", teamA))
                .patch("/api/v1/opportunities/" + dealA1).then().statusCode(200).body("teamId", equalTo(teamA));
        as(subMgrA, "sales-manager").contentType("application/merge-patch+json").body(Map.of("teamId", teamA1))
                .patch("/api/v1/opportunities/" + dealA1).then().statusCode(200);
    }

    @Test
    void dealsLeadsAndOrdersWithoutATeamOrTerritoryTakeTheirRepsOnes() {
        String territory = create("/api/v1/territories", Fixtures.territoryBody());
        Map<String, Object> placedRep = rep(teamA, unique("placed"), "ACCOUNT_EXECUTIVE");
        placedRep.put("territoryId", territory);
        String rep = create("/api/v1/reps", placedRep);
        Map<String, Object> deal = deal(rep, null, 10);
        deal.remove("teamId");
        admin().body(deal).post("/api/v1/opportunities").then().statusCode(201).body("teamId", equalTo(teamA))
                .body("territoryId", equalTo(territory));
        Map<String, Object> lead = Fixtures.leadBody();
        lead.put("ownerRepId", rep);
        admin().body(lead).post("/api/v1/leads").then().statusCode(201).body("territoryId", equalTo(territory));
        Map<String, Object> order = Fixtures.orderBody();
        order.put("repId", rep);
        admin().body(order).post("/api/v1/orders").then().statusCode(201).body("territoryId", equalTo(territory));
        // a territory given is kept
        String elsewhere = create("/api/v1/territories", Fixtures.territoryBody());
        deal.put("territoryId", elsewhere);
        admin().body(deal).post("/api/v1/opportunities").then().statusCode(201).body("territoryId", equalTo(elsewhere))
                .body("teamId", equalTo(teamA));
    }

    @Test
    void analystReadsEverythingAndWritesNothing() {
        assertNotNull(as("analyst-1", "analyst").get("/api/v1/opportunities/" + dealB).then().statusCode(200).extract().path("id"));
        as("analyst-1", "analyst").body(deal(repB, teamB, 5)).post("/api/v1/opportunities").then().statusCode(403)
                .body("type", equalTo("urn:saleskpi:problem:forbidden"));
        as("analyst-1", "analyst").delete("/api/v1/opportunities/" + dealB).then().statusCode(403);
    }

    @Test
    void unknownRolesAndReferenceDataWrites() {
        as("guest-1", "guest").get("/api/v1/opportunities").then().statusCode(403).contentType("application/problem+json");
        as(subRepA, "sales-rep").get("/api/v1/products").then().statusCode(200);
        as(subRepA, "sales-rep").body(Fixtures.productBody()).post("/api/v1/products").then().statusCode(403);
        as(subMgrA, "sales-manager").body(Fixtures.territoryBody()).post("/api/v1/territories").then().statusCode(403);
        as("nobody-" + unique("x"), "sales-rep").get("/api/v1/opportunities").then().statusCode(403)
                .body("detail", equalTo("No sales rep is linked to your identity"));
    }

    @Test
    void kpisAreScopedAndOutOfScopeFiltersAreRefused() {
        Map<String, Object> period = Map.of("from", "2026-01-01", "to", "2026-03-31");
        String query = "query($f: KpiFilterInput, $p: KpiPeriodInput!) { kpiSnapshot(kpis: [\"bookings\"], filter: $f, period: $p)"
                + " { values { value } } }";
        // repA: only their deal (100); the manager of A: the deals of A and its sub-team A1 (100 + 200)
        Object repBookings = as(subRepA, "sales-rep").body(Map.of("query", query, "variables", Map.of("p", period)))
                .post("/graphql").then().statusCode(200).extract().path("data.kpiSnapshot.values[0].value");
        assertEquals(100.0, ((Number) repBookings).doubleValue());
        Object managerBookings = as(subMgrA, "sales-manager").body(Map.of("query", query, "variables",
                Map.of("p", period, "f", Map.of("teamIds", List.of(teamA))))).post("/graphql").then().statusCode(200)
                .extract().path("data.kpiSnapshot.values[0].value");
        assertEquals(300.0, ((Number) managerBookings).doubleValue());

        as(subRepA, "sales-rep").body(Map.of("query", query, "variables", Map.of("p", period, "f", Map.of("repIds", List.of(repB)))))
                .post("/graphql").then().statusCode(200).body("errors[0].message", org.hamcrest.Matchers.containsString("rep other than"));
        as(subMgrA, "sales-manager").queryParam("kpi", "bookings").queryParam("teamId", teamB).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(403);
        as(subMgrA, "sales-manager").queryParam("kpi", "bookings").queryParam("repId", repB).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(403);
        as(subRepA, "sales-rep").queryParam("kpi", "customer_acquisition_cost").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(403);
        as(subMgrA, "sales-manager").queryParam("kpi", "bookings").queryParam("by", "TEAM").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/breakdown").then().statusCode(200)
                .body("[0].rows.key", containsInAnyOrder(teamA, teamA1)).body("[0].rows.key", everyItem(not(equalTo(teamB))));
        // a token without a known role is refused as on REST: 403 problem, not a GraphQL "System error" with 200
        as("guest-1", "guest").body(Map.of("query", query, "variables", Map.of("p", period))).post("/graphql").then()
                .statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:forbidden"));
    }
}
