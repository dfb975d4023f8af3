package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * What a rep sees of their team (the articles: share goals and rankings so that reps see where they stand): the team's
 * targets, its totals and a leaderboard of its reps, never a peer's record. Team T: reps A (the caller), B, C; team U: rep D.
 */
@QuarkusTest
class TeamTransparencyTest {

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate quarterStart = today.withDayOfMonth(1).withMonth((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
    private final LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);

    String teamT, teamU, a, b, c, d, subjectA;
    String teamTarget, peerTarget, otherTeamTarget;

    @BeforeEach
    void world() {
        teamT = create("/api/v1/teams", Fixtures.teamBody());
        teamU = create("/api/v1/teams", Fixtures.teamBody());
        subjectA = unique("tt-a");
        a = Fixtures.repFor(subjectA, teamT, "ACCOUNT_EXECUTIVE");
        b = Fixtures.repFor(unique("tt-b"), teamT, "ACCOUNT_EXECUTIVE");
        c = Fixtures.repFor(unique("tt-c"), teamT, "ACCOUNT_EXECUTIVE");
        d = Fixtures.repFor(unique("tt-d"), teamU, "ACCOUNT_EXECUTIVE");
        won(a, 1000);
        won(b, 3000);
        won(c, 2000);
        won(d, 5000);
        teamTarget = target("TEAM", "teamId", teamT, 10000);
        peerTarget = target("REP", "repId", b, 4000);
        otherTeamTarget = target("TEAM", "teamId", teamU, 7000);
    }

    @Test
    void aRepReadsTheTeamsTargetsAndTotalsButNoPeersRecord() {
        // the team's own target, not a peer's, not another team's
        List<String> targets = rep().queryParam("limit", 100).get("/api/v1/targets").then().statusCode(200).extract().path("items.id");
        assertEquals(List.of(teamTarget), targets.stream().filter(id -> List.of(teamTarget, peerTarget, otherTeamTarget).contains(id)).toList());
        rep().get("/api/v1/targets/" + teamTarget).then().statusCode(200);
        rep().get("/api/v1/targets/" + peerTarget).then().statusCode(404);
        rep().contentType("application/merge-patch+json").body("{\"value\": 1}").patch("/api/v1/targets/" + teamTarget).then().statusCode(403);
        // the team's totals: 1000 + 3000 + 2000 won against the team's 10000
        assertEquals(List.of(6000.0f, 0.6f), kpis(rep().queryParam("teamId", teamT), "bookings", "target_attainment_bookings"));
        // without the team, the rep's own
        assertEquals(List.of(1000.0f), kpis(rep(), "bookings"));
        // never another team, never the peers' records, never a breakdown of the peers
        rep().queryParam("kpi", "bookings").queryParam("preset", "THIS_QUARTER").queryParam("teamId", teamU).get("/api/v1/kpis/snapshot")
                .then().statusCode(403);
        List<String> deals = rep().queryParam("limit", 100).get("/api/v1/opportunities").then().statusCode(200).extract().path("items.ownerRepId");
        assertEquals(List.of(a), deals.stream().distinct().toList());
        List<String> rows = rep().queryParam("kpi", "bookings").queryParam("preset", "THIS_QUARTER").queryParam("teamId", teamT)
                .queryParam("by", "REP").get("/api/v1/kpis/breakdown").then().statusCode(200).extract().path("[0].rows.key");
        assertEquals(List.of(a), rows);
        // the team's target deleted: the rep's sync is told, as it was shown; a peer's deleted target is not theirs to know
        String since = java.time.Instant.now().minusSeconds(60).toString();
        admin().delete("/api/v1/targets/" + teamTarget).then().statusCode(204);
        admin().delete("/api/v1/targets/" + peerTarget).then().statusCode(204);
        List<String> deleted = rep().queryParam("entity", "targets").queryParam("since", since).get("/api/v1/sync/deletions").then()
                .statusCode(200).extract().path("items.id");
        assertEquals(List.of(teamTarget), deleted.stream().filter(id -> List.of(teamTarget, peerTarget).contains(id)).toList());
    }

    @Test
    void aRepsLeaderboardRanksTheirTeamByName() {
        JsonPath board = leaderboard(rep());
        // B 3000, C 2000, A 1000; D is in another team
        assertEquals(List.of(b, c, a), board.getList("top.key"));
        assertEquals(List.of(3000.0f, 2000.0f, 1000.0f), board.getList("top.value", Float.class));
    }

    static JsonPath leaderboard(RequestSpecification caller) {
        return caller.queryParam("kpi", "bookings").queryParam("preset", "THIS_QUARTER").queryParam("size", 5)
                .get("/api/v1/kpis/leaderboard").then().statusCode(200).extract().jsonPath();
    }

    RequestSpecification rep() {
        return Api.asSubject(subjectA, "sales-rep");
    }

    private List<Float> kpis(RequestSpecification caller, String... kpis) {
        return caller.queryParam("kpi", (Object[]) kpis).queryParam("preset", "THIS_QUARTER").get("/api/v1/kpis/snapshot").then()
                .statusCode(200).extract().jsonPath().getList("values.value", Float.class);
    }

    private void won(String rep, int amount) {
        create("/api/v1/opportunities", map("name", unique("Team deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", "CLOSED_WON",
                "amount", amount, "currency", "EUR", "openedOn", quarterStart.toString(), "closedOn", today.toString()));
    }

    private String target(String scope, String field, String owner, int value) {
        return create("/api/v1/targets", map("scope", scope, field, owner, "metric", "BOOKINGS", "periodStart", quarterStart.toString(),
                "periodEnd", quarterEnd.toString(), "value", value));
    }
}
