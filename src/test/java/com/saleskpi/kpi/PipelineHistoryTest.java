package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The pipeline as the database held it at any instant, and how it moved between two: the deal KPIs with asOf, the
 * closing window, a trend as of each bucket's end, and the waterfall, against histories written through the API.
 * Window: Q1 2027; the deals of team A (a rep of team B's deals count once they move to A).
 */
@QuarkusTest
class PipelineHistoryTest {

    private static final String CLOSING_FROM = "2027-01-01";
    private static final String CLOSING_TO = "2027-03-31";

    private String teamA;
    private String teamB;
    private String repA;
    private String repB;

    @Test
    void theKpisAsOfAnInstantAndTheWaterfallBetweenTwoFollowTheHistory() {
        teams();
        Instant t0 = instant();
        String d1 = deal(repA, teamA, 1000, "2027-02-01");
        String d2 = deal(repA, teamA, 500, "2027-05-01");
        String d3 = deal(repA, teamA, 300, "2027-03-01");
        String d4 = deal(repB, teamB, 700, "2027-02-15");
        String d5 = deal(repA, teamA, 200, "2027-01-20");
        String d6 = deal(repA, teamA, 100, "2027-03-10");
        Instant t1 = instant();
        patch(d1, Map.of("amount", 1200));
        patch(d2, Map.of("expectedCloseOn", "2027-03-15"));
        patch(d3, Map.of("expectedCloseOn", "2027-04-15"));
        patch(d4, Map.of("ownerRepId", repA, "teamId", teamA));
        patch(d5, Map.of("stage", "CLOSED_WON", "closedOn", today()));
        admin().delete("/api/v1/opportunities/" + d6).then().statusCode(204);
        String d7 = deal(repA, teamA, 400, "2027-02-20");
        Instant t2 = instant();
        patch(d1, Fixtures.map("stage", "CLOSED_LOST", "closedOn", today(), "lossReason", "Price"));
        patch(d5, Fixtures.map("stage", "NEGOTIATION", "closedOn", null));
        patch(d4, Map.of("ownerRepId", repB, "teamId", teamB));
        patch(d7, Map.of("amount", 350));
        Instant t3 = instant();

        // at t1: D1 1000 + D3 300 + D5 200 + D6 100 (D2 closes in May, D4 is team B's)
        assertEquals(List.of(4L, new BigDecimal("1600.00")), pipelineAsOf(t1));
        // at t2: D1 1200, D2 pulled in 500, D4 moved in 700, D7 new 400 (D3 pushed out, D5 won, D6 deleted)
        assertEquals(List.of(4L, new BigDecimal("2800.00")), pipelineAsOf(t2));
        // at t3: D2 500, D5 reopened 200, D7 350 (D1 lost, D4 moved back to team B)
        assertEquals(List.of(3L, new BigDecimal("1050.00")), pipelineAsOf(t3));
        assertEquals(List.of(0L, new BigDecimal("0.00")), pipelineAsOf(t0));
        assertEquals(List.of(3L, new BigDecimal("1050.00")), pipelineAsOf(null), "now is the last state");

        JsonPath first = waterfall(t1, t2);
        assertEquals(List.of(4, 1600.0f), List.of(first.getInt("start.count"), first.getFloat("start.amount")));
        assertEquals(Map.of("INCREASED", List.of(0, 200.0f), "PULLED_IN", List.of(1, 500.0f), "PUSHED_OUT", List.of(-1, -300.0f),
                "MOVED_IN", List.of(1, 700.0f), "WON", List.of(-1, -200.0f), "DELETED", List.of(-1, -100.0f), "NEW", List.of(1, 400.0f)),
                steps(first));
        assertEquals(List.of(4, 2800.0f), List.of(first.getInt("end.count"), first.getFloat("end.amount")));

        JsonPath second = waterfall(t2, t3);
        assertEquals(Map.of("LOST", List.of(-1, -1200.0f), "REOPENED", List.of(1, 200.0f), "MOVED_OUT", List.of(-1, -700.0f),
                "DECREASED", List.of(0, -50.0f)), steps(second));
        assertEquals(List.of(3, 1050.0f), List.of(second.getInt("end.count"), second.getFloat("end.amount")));

        String csv = admin().accept("text/csv").queryParams(waterfallParameters(t2, t3)).get("/api/v1/kpis/waterfall").then()
                .statusCode(200).extract().asString();
        assertEquals("row,count,amount,currency", csv.lines().findFirst().orElseThrow());
        assertEquals("END,3,1050.00,EUR", csv.lines().reduce((a, b) -> b).orElseThrow());
    }

    /**
     * A manager sees the waterfall of their team through row-level security: a deal that comes from another team moved in
     * (it existed, out of their reach), one created is new, one deleted is deleted.
     */
    @Test
    void aManagersWaterfallTellsADealMovedInFromANewOne() {
        teams();
        String subject = unique("waterfall-manager");
        String manager = Fixtures.repFor(subject, teamA, "SALES_MANAGER");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", manager)).patch("/api/v1/teams/" + teamA)
                .then().statusCode(200);
        String moving = deal(repB, teamB, 700, "2027-02-15");
        String deleted = deal(repA, teamA, 100, "2027-03-10");
        Instant start = instant();
        patch(moving, Map.of("ownerRepId", repA, "teamId", teamA));
        deal(repA, teamA, 400, "2027-02-20");
        admin().delete("/api/v1/opportunities/" + deleted).then().statusCode(204);
        Instant end = instant();
        JsonPath flow = com.saleskpi.testing.Api.asSubject(subject, "sales-manager").queryParams(Map.of("closingFrom", CLOSING_FROM,
                "closingTo", CLOSING_TO, "startAt", start.toString(), "endAt", end.toString())).get("/api/v1/kpis/waterfall").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(Map.of("MOVED_IN", List.of(1, 700.0f), "NEW", List.of(1, 400.0f), "DELETED", List.of(-1, -100.0f)), steps(flow));
        assertEquals(List.of(1, 100.0f, 2, 1100.0f), List.of(flow.getInt("start.count"), flow.getFloat("start.amount"),
                flow.getInt("end.count"), flow.getFloat("end.amount")));
    }

    @Test
    void aTrendReadsEachBucketAsOfItsEndAndGraphQlTakesAsOf() {
        teams();
        deal(repA, teamA, 900, "2027-02-01");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // the deal did not exist at the end of the two days before today; at today's end it is there
        List<Float> trend = admin().queryParam("kpi", "open_pipeline_value").queryParam("teamId", teamA)
                .queryParam("closingFrom", CLOSING_FROM).queryParam("closingTo", CLOSING_TO)
                .queryParam("from", today.minusDays(2).toString()).queryParam("to", today.toString()).queryParam("granularity", "DAY")
                .queryParam("asOfBucketEnds", true).get("/api/v1/kpis/series").then().statusCode(200).extract()
                .jsonPath().getList("[0].points.value", Float.class);
        assertEquals(List.of(0.0f, 0.0f, 900.0f), trend);

        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput, $asOf: DateTime) {
                  kpiSnapshot(kpis: ["open_pipeline_value"], filter: $filter, period: {from: "2026-01-01", to: "%s"}, asOf: $asOf) {
                    values { kpi value }
                  }
                }""".formatted(today), Map.of("filter", Map.of("teamIds", List.of(teamA), "closingFrom", CLOSING_FROM,
                "closingTo", CLOSING_TO), "asOf", Instant.now().minusSeconds(3600).toString()));
        assertEquals(0, BigDecimal.ZERO.compareTo(answer.getObject("data.kpiSnapshot.values[0].value", BigDecimal.class)));
    }

    /**
     * start + steps = end, for counts and amounts, over random histories and any pair of instants; and start and end are
     * the open pipeline the KPIs answer as of the same instants.
     */
    @Test
    void theWaterfallAddsUpExactlyOverRandomHistories() {
        teams();
        Random random = new Random(20261206);
        List<String> deals = new ArrayList<>();
        Map<String, Boolean> closed = new HashMap<>();
        List<Instant> instants = new ArrayList<>(List.of(instant()));
        for (int step = 0; step < 40; step++) {
            int op = deals.size() < 4 ? 0 : random.nextInt(7);
            String deal = deals.isEmpty() ? null : deals.get(random.nextInt(deals.size()));
            switch (op) {
                case 0 -> deals.add(deal(random.nextBoolean() ? repA : repB, null, 100 + random.nextInt(1900), closeDay(random)));
                case 1 -> patch(deal, Map.of("amount", 100 + random.nextInt(1900)));
                case 2 -> patch(deal, Map.of("expectedCloseOn", closeDay(random)));
                case 3 -> patch(deal, random.nextBoolean() ? Map.of("ownerRepId", repA, "teamId", teamA) : Map.of("ownerRepId", repB, "teamId", teamB));
                case 4, 5 -> {
                    boolean wasClosed = closed.getOrDefault(deal, false);
                    patch(deal, wasClosed ? Fixtures.map("stage", "PROPOSAL", "closedOn", null, "lossReason", null)
                            : random.nextBoolean() ? Fixtures.map("stage", "CLOSED_WON", "closedOn", today())
                            : Fixtures.map("stage", "CLOSED_LOST", "closedOn", today(), "lossReason", "Price"));
                    closed.put(deal, !wasClosed);
                }
                default -> {
                    admin().delete("/api/v1/opportunities/" + deal).then().statusCode(204);
                    deals.remove(deal);
                }
            }
            instants.add(instant());
        }
        for (int pair = 0; pair < 12; pair++) {
            int i = random.nextInt(instants.size() - 1);
            int j = i + 1 + random.nextInt(instants.size() - 1 - i);
            JsonPath flow = waterfall(instants.get(i), instants.get(j));
            long count = flow.getLong("start.count");
            BigDecimal amount = money(flow.getString("start.amount"));
            for (Map<String, Object> step : flow.<Map<String, Object>>getList("steps")) {
                count += ((Number) step.get("count")).longValue();
                amount = amount.add(money(step.get("amount").toString()));
            }
            assertEquals(List.of(flow.getLong("end.count"), money(flow.getString("end.amount"))), List.of(count, amount),
                    "start + steps = end between instants " + i + " and " + j);
            assertEquals(pipelineAsOf(instants.get(i)), List.of(flow.getLong("start.count"), money(flow.getString("start.amount"))));
            assertEquals(pipelineAsOf(instants.get(j)), List.of(flow.getLong("end.count"), money(flow.getString("end.amount"))));
        }
    }

    @Test
    void badInstantsAndWindowsAreRefusedNamingTheParameter() {
        String future = Instant.now().plusSeconds(3600).toString();
        String past = Instant.now().minusSeconds(3600).toString();
        RequestSpecification snapshot = admin().queryParam("kpi", "open_pipeline_value").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31");
        snapshot.queryParam("asOf", future).get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors.field", hasItem("asOf"));
        admin().queryParam("kpi", "revenue").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("asOf", past)
                .get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors.field", hasItem("asOf"));
        admin().queryParam("kpi", "open_pipeline_value").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("asOf", "yesterday").get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors.field", hasItem("asOf"));
        admin().queryParam("kpi", "open_pipeline_value").queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .queryParam("closingFrom", "2027-03-01").queryParam("closingTo", "2027-01-01").get("/api/v1/kpis/snapshot").then()
                .statusCode(400).body("errors.field", hasItem("closingFrom"));
        admin().queryParam("startAt", past).queryParam("endAt", Instant.now().minusSeconds(60).toString())
                .get("/api/v1/kpis/waterfall").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("closingFrom"));
        admin().queryParams(Map.of("closingFrom", CLOSING_FROM, "closingTo", CLOSING_TO, "startAt", past, "endAt", past))
                .get("/api/v1/kpis/waterfall").then().statusCode(400).body("errors.field", hasItem("startAt"));
        admin().queryParams(Map.of("closingFrom", CLOSING_FROM, "closingTo", CLOSING_TO, "startAt", past, "endAt", future))
                .get("/api/v1/kpis/waterfall").then().statusCode(400).body("errors.field", hasItem("endAt"));
        admin().queryParams(Map.of("closingFrom", CLOSING_FROM, "closingTo", CLOSING_TO, "endAt", past))
                .get("/api/v1/kpis/waterfall").then().statusCode(400).body("errors[0].field", equalTo("startAt"));
    }

    private void teams() {
        teamA = create("/api/v1/teams", Fixtures.teamBody());
        teamB = create("/api/v1/teams", Fixtures.teamBody());
        repA = rep(teamA);
        repB = rep(teamB);
    }

    private static String rep(String team) {
        return Fixtures.repFor(unique("pipeline"), team, "ACCOUNT_EXECUTIVE");
    }

    private static String deal(String rep, String team, int amount, String closeDay) {
        Map<String, Object> body = Fixtures.map("name", unique("Deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", "PROSPECTING",
                "amount", amount, "currency", "EUR", "openedOn", "2026-11-01", "expectedCloseOn", closeDay);
        if (team != null) {
            body.put("teamId", team);
        }
        return create("/api/v1/opportunities", body);
    }

    private static void patch(String deal, Map<String, Object> changes) {
        admin().contentType("application/merge-patch+json").body(changes).patch("/api/v1/opportunities/" + deal).then().statusCode(200);
    }

    private static String closeDay(Random random) {
        return LocalDate.of(2026, 12, 15).plusDays(random.nextInt(200)).toString();
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /** An instant after every write so far and before the next: the writes' transactions start after it. */
    private static Instant instant() {
        try {
            Thread.sleep(5);
            Instant now = Instant.now();
            Thread.sleep(5);
            return now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Open deals of team A closing in Q1 2027, and their value, as of the instant (now when null). */
    private List<Object> pipelineAsOf(Instant asOf) {
        RequestSpecification request = admin().queryParam("kpi", "open_pipeline_count").queryParam("kpi", "open_pipeline_value")
                .queryParam("teamId", teamA).queryParam("closingFrom", CLOSING_FROM).queryParam("closingTo", CLOSING_TO)
                .queryParam("from", "2026-01-01").queryParam("to", today());
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        JsonPath values = request.get("/api/v1/kpis/snapshot").then().statusCode(200).extract().jsonPath();
        return List.of(values.getLong("values[0].value"), money(values.getString("values[1].value")));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private Map<String, Object> waterfallParameters(Instant startAt, Instant endAt) {
        return Map.of("teamId", teamA, "closingFrom", CLOSING_FROM, "closingTo", CLOSING_TO, "startAt", startAt.toString(),
                "endAt", endAt.toString());
    }

    private JsonPath waterfall(Instant startAt, Instant endAt) {
        return admin().queryParams(waterfallParameters(startAt, endAt)).get("/api/v1/kpis/waterfall").then().statusCode(200).extract()
                .jsonPath();
    }

    private static Map<String, List<Object>> steps(JsonPath flow) {
        Map<String, List<Object>> steps = new LinkedHashMap<>();
        for (Map<String, Object> step : flow.<Map<String, Object>>getList("steps")) {
            steps.put((String) step.get("kind"), List.of(((Number) step.get("count")).intValue(), ((Number) step.get("amount")).floatValue()));
        }
        return steps;
    }
}
