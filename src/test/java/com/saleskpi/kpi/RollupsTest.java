package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.importBatchReplays;
import static com.saleskpi.testing.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The rollups (revenue_, deals_closed_ and pipeline_ daily and monthly) stay equal to the base tables they sum after every kind of write
 * through the API, and KPIs read from them give the same numbers as from the base tables, which a segment filter
 * (a dimension the rollups do not keep) forces.
 */
@QuarkusTest
class RollupsTest {

    /** Each rollup at each grain is its base table grouped by that day expression (%s: the day, or its month). */
    private static final String REVENUE_FROM_BASE_TABLES = """
            select %s, o.rep_id, o.territory_id, o.channel_id, l.product_id, o.currency, sum(l.net_amount), sum(l.quantity), count(*)
            from order_line l join sales_order o on o.id = l.order_id where o.status <> 'CANCELLED' group by 1, 2, 3, 4, 5, 6""";
    private static final String REVENUE_ROLLUP = """
            select day, rep_id, territory_id, channel_id, product_id, currency, net_amount, quantity, lines from revenue_%s""";
    /** With, per open stage, the deals closed and won that had been in it: as their versions record. */
    private static final String DEALS_FROM_BASE_TABLE = """
            select %s, team_id, owner_rep_id, territory_id, channel_id, product_id, currency, count(*) filter (where stage = 'CLOSED_WON'),
                   count(*) filter (where stage <> 'CLOSED_WON'), coalesce(sum(amount) filter (where stage = 'CLOSED_WON'), 0),
                   coalesce(sum(closed_on - opened_on) filter (where stage = 'CLOSED_WON'), 0), count(*),
                   count(*) filter (where 'PROSPECTING' = any(v.stages)), count(*) filter (where 'PROSPECTING' = any(v.stages) and won),
                   count(*) filter (where 'QUALIFICATION' = any(v.stages)), count(*) filter (where 'QUALIFICATION' = any(v.stages) and won),
                   count(*) filter (where 'PROPOSAL' = any(v.stages)), count(*) filter (where 'PROPOSAL' = any(v.stages) and won),
                   count(*) filter (where 'NEGOTIATION' = any(v.stages)), count(*) filter (where 'NEGOTIATION' = any(v.stages) and won)
            from (select o.*, o.stage = 'CLOSED_WON' as won from opportunity o) o
            cross join lateral (select array_agg(h.stage) as stages from opportunity_version h where h.id = o.id) v
            where closed_on is not null group by 1, 2, 3, 4, 5, 6, 7""";
    private static final String DEALS_ROLLUP = """
            select day, team_id, rep_id, territory_id, channel_id, product_id, currency, won, lost, won_amount, won_cycle_days, deals,
                   closed_after_prospecting, won_after_prospecting, closed_after_qualification, won_after_qualification,
                   closed_after_proposal, won_after_proposal, closed_after_negotiation, won_after_negotiation
            from deals_closed_%s""";

    private static final String PIPELINE_FROM_BASE_TABLE = """
            select %s, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id, d.currency,
                   count(*) filter (where e.opening), coalesce(sum(d.amount) filter (where e.opening), 0),
                   count(*) filter (where not e.opening), coalesce(sum(d.amount) filter (where not e.opening), 0)
            from opportunity d cross join lateral (values (d.opened_on, true), (d.closed_on, false)) as e(day, opening)
            where e.day is not null group by 1, 2, 3, 4, 5, 6, 7""";
    private static final String PIPELINE_ROLLUP = """
            select day, team_id, rep_id, territory_id, channel_id, product_id, currency, opened_count, opened_amount, closed_count,
                   closed_amount
            from pipeline_%s""";

    private static final String OPEN_DEALS_FROM_BASE_TABLE = """
            select %s, team_id, owner_rep_id, currency, stage, forecast_category, count(*), sum(amount)
            from opportunity where stage not in ('CLOSED_WON', 'CLOSED_LOST') and coalesce(closed_on, expected_close_on) is not null
            group by 1, 2, 3, 4, 5, 6""";
    private static final String OPEN_DEALS_ROLLUP = """
            select day, team_id, rep_id, currency, stage, forecast_category, deals, amount from open_deals_%s""";

    private static final String ACTIVITIES_FROM_BASE_TABLE = """
            select %s, rep_id, type, outcome, count(*) from activity group by 1, 2, 3, 4""";
    private static final String ACTIVITY_ROLLUP = "select day, rep_id, type, outcome, activities from activity_%s";
    private static final String LEADS_FROM_BASE_TABLE = """
            select %s, owner_rep_id, territory_id, channel_id, count(*) from lead group by 1, 2, 3, 4""";
    private static final String LEAD_ROLLUP = "select day, rep_id, territory_id, channel_id, leads from lead_%s";
    private static final String ANSWERS_FROM_BASE_TABLES = """
            select %s, s.survey, s.score, a.owner_rep_id, a.territory_id, s.rep_id, count(*)
            from survey_response s left join account a on a.id = s.account_id group by 1, 2, 3, 4, 5, 6""";
    private static final String SURVEY_ROLLUP = """
            select day, survey, score, owner_rep_id, account_territory_id, respondent_rep_id, answers from survey_%s""";

    @Inject
    Pool pool;

    @Test
    void revenueRollupEqualsTheOrderLinesAfterEveryKindOfWrite() {
        String rep = create("/api/v1/reps", Fixtures.repBody());
        String otherProduct = create("/api/v1/products", Fixtures.productBody());
        Map<String, Object> order = Fixtures.orderBody();
        order.put("repId", rep);
        @SuppressWarnings("unchecked")
        Object product = ((List<Map<String, Object>>) order.get("lines")).get(0).get("productId");
        order.put("lines", List.of(line(product, 2, 100, 10), line(otherProduct, 1, 40, 0)));
        String id = create("/api/v1/orders", order);
        assertRevenue(rep, "220", "2 x 100 at 10 % off + 40, on 2026-02-10");

        patch("/api/v1/orders/" + id, Map.of("status", "CANCELLED"));
        assertRevenue(rep, "0", "a cancelled order has no revenue");

        patch("/api/v1/orders/" + id, Map.of("status", "FULFILLED", "orderedOn", "2026-03-05", "lines", List.of(line(otherProduct, 3, 10, 50))));
        assertRevenue(rep, "15", "the order moved to March with one line, 3 x 10 at 50 % off");

        String ndjson = "{\"externalRef\":\"" + Api.unique("rollup") + "\",\"accountId\":\"" + order.get("accountId") + "\",\"repId\":\""
                + rep + "\",\"status\":\"PLACED\",\"orderedOn\":\"2026-03-06\",\"currency\":\"EUR\",\"lines\":[" + json(line(otherProduct, 1, 1000, 0))
                + "]}\n";
        admin().contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/orders").then().statusCode(200);
        assertRevenue(rep, "1015", "the imported order adds 1000");

        String reimported = ndjson.replace(json(line(otherProduct, 1, 1000, 0)), json(line(otherProduct, 2, 250, 0)));
        admin().contentType("application/x-ndjson").body(reimported.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/orders").then()
                .statusCode(200).body("updated", org.hamcrest.Matchers.is(1));
        assertRevenue(rep, "515", "the imported order imported again with one line of 2 x 250");

        admin().delete("/api/v1/orders/" + id).then().statusCode(204);
        assertRevenue(rep, "500", "only the imported order is left");
        assertReadFrom("REVENUE_ROLLUP", "ORDER_LINES");
    }

    @Test
    void dealsRollupEqualsTheOpportunitiesAfterEveryKindOfWrite() {
        String rep = create("/api/v1/reps", Fixtures.repBody());
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        Map<String, Object> deal = Fixtures.opportunityBody();
        deal.put("ownerRepId", rep);
        deal.put("accountId", account);
        String first = create("/api/v1/opportunities", deal);
        String second = create("/api/v1/opportunities", deal);
        assertDeals(rep, null, "0", null, "24000", "two deals open, nothing closed yet");

        patch("/api/v1/opportunities/" + second, Map.of("expectedCloseOn", "2026-11-15", "forecastCategory", "COMMIT",
                "forecastCategorySource", "OWNER"));
        assertDeals(rep, null, "0", null, "24000", "one deal expected to close later, committed by its owner");

        patch("/api/v1/opportunities/" + first, Map.of("stage", "CLOSED_WON", "closedOn", "2026-03-03"));
        assertDeals(rep, "1", "12000", "30", "12000", "one deal won after 30 days, one open");

        patch("/api/v1/opportunities/" + second, Map.of("stage", "CLOSED_LOST", "closedOn", "2026-03-10", "lossReason", "Price"));
        patch("/api/v1/opportunities/" + first, Map.of("amount", 15000, "closedOn", "2026-03-11"));
        assertDeals(rep, "0.5", "15000", "38", "0", "one won (now 15000 after 38 days), one lost");

        patch("/api/v1/opportunities/" + second, Fixtures.map("stage", "NEGOTIATION", "closedOn", null, "lossReason", null));
        assertDeals(rep, "1", "15000", "38", "12000", "the lost deal is open again");

        admin().delete("/api/v1/opportunities/" + first).then().statusCode(204);
        assertDeals(rep, null, "0", null, "12000", "the won deal is gone");

        // won after PROSPECTING and NEGOTIATION: counted closed and won after each of them (the versions record both)
        patch("/api/v1/opportunities/" + second, Map.of("stage", "CLOSED_WON", "closedOn", "2026-03-20"));
        assertDeals(rep, "1", "12000", "47", "0", "the deal reopened in negotiation is won");
        assertReadFrom("DEALS_CLOSED_ROLLUP", "DEALS_CLOSED");
        assertReadFrom("PIPELINE_ROLLUP", "PIPELINE");
    }

    /**
     * Imports bring the rollups up to date once per batch instead of once per row (migration V6): created, updated
     * and unchanged rows, a failed batch rolled back or replayed row by row, and writes after an import.
     */
    @Test
    void dealsRollupsEqualTheOpportunitiesAfterImports() {
        String rep = create("/api/v1/reps", Fixtures.repBody());
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        String open = Api.unique("open");
        String won = Api.unique("won");
        double replaysBefore = importBatchReplays("opportunity");
        String header = "externalRef,name,ownerRepId,type,stage,amount,currency,openedOn,closedOn,lossReason,accountId\n";
        importDeals(header + deal(open, rep, "PROSPECTING", 1000, "2026-02-01", "", "", account) + deal(won, rep, "CLOSED_WON", 2000, "2026-01-01",
                "2026-01-31", "", account), "ALL_OR_NOTHING", 200);
        assertDeals(rep, "1", "2000", "30", "1000", "imported: one deal open, one won after 30 days");

        importDeals(header + deal(open, rep, "CLOSED_LOST", 1000, "2026-02-01", "2026-03-01", "Price", account) + deal(won, rep, "CLOSED_WON", 3000,
                "2026-01-01", "2026-01-31", "", account), "ALL_OR_NOTHING", 200);
        assertDeals(rep, "0.5", "3000", "30", "0", "imported again: the open deal lost, the won one now 3000");

        String reopenAndOneUnknownAccount = header + deal(open, rep, "PROSPECTING", 1000, "2026-02-01", "", "", account)
                + deal(Api.unique("bad"), rep, "PROSPECTING", 5, "2026-02-01", "", "", java.util.UUID.randomUUID().toString());
        assertEquals(replaysBefore, importBatchReplays("opportunity"), "valid files are written batch by batch, never replayed row by row");

        importDeals(reopenAndOneUnknownAccount, "ALL_OR_NOTHING", 422);
        assertDeals(rep, "0.5", "3000", "30", "0", "a rejected file changed nothing");

        importDeals(reopenAndOneUnknownAccount, "VALID_ROWS", 200);
        assertDeals(rep, "1", "3000", "30", "1000", "the valid row of the file reopened the lost deal");

        String wonId = admin().queryParam("externalRef", won).get("/api/v1/opportunities").then().statusCode(200)
                .extract().path("items[0].id");
        patch("/api/v1/opportunities/" + wonId, Map.of("amount", 4000));
        assertDeals(rep, "1", "4000", "30", "1000", "a write after the imports");

        String openId = admin().queryParam("externalRef", open).get("/api/v1/opportunities").then().extract().path("items[0].id");
        admin().get("/api/v1/opportunities/" + openId + "/stage-history").then().statusCode(200)
                .body("stage", org.hamcrest.Matchers.contains("PROSPECTING", "CLOSED_LOST", "PROSPECTING"))
                .body("changedBy", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
        admin().get("/api/v1/opportunities/" + wonId + "/stage-history").then().statusCode(200)
                .body("stage", org.hamcrest.Matchers.contains("CLOSED_WON"));
    }

    /**
     * Activities, leads and survey answers are rolled up by UTC day and month: the rollups follow creates, moves in
     * time, re-scoring, an account changing owner, deletes and imports, and a request in another time zone reads the
     * base tables.
     */
    @Test
    void activityLeadAndSurveyRollupsEqualTheirTablesAfterEveryKindOfWrite() {
        String rep = create("/api/v1/reps", Fixtures.repBody());
        Map<String, Object> accountBody = Fixtures.accountBody();
        accountBody.put("ownerRepId", rep);
        String account = create("/api/v1/accounts", accountBody);
        String call = create("/api/v1/activities", Fixtures.map("type", "CALL", "repId", rep, "accountId", account,
                "occurredAt", "2026-02-03T09:30:00Z", "outcome", "POSITIVE"));
        String meeting = create("/api/v1/activities", Fixtures.map("type", "MEETING", "repId", rep, "accountId", account,
                "occurredAt", "2026-03-31T23:30:00Z", "outcome", "ACCEPTED"));
        Map<String, Object> lead = Fixtures.leadBody();
        lead.put("ownerRepId", rep);
        lead.put("accountId", account);
        create("/api/v1/leads", lead);
        String promoter = create("/api/v1/survey-responses", Fixtures.map("survey", "NPS", "score", 9, "accountId", account,
                "respondedAt", "2026-02-05T12:00:00Z"));
        String detractor = create("/api/v1/survey-responses", Fixtures.map("survey", "NPS", "score", 3, "accountId", account,
                "respondedAt", "2026-03-15T12:00:00Z"));
        assertInstants(rep, "2", "1", "0", "two activities, one lead, one promoter and one detractor");

        patch("/api/v1/activities/" + call, Map.of("occurredAt", "2026-05-02T08:00:00Z"));
        patch("/api/v1/survey-responses/" + detractor, Map.of("score", 7));
        assertInstants(rep, "2", "1", "50", "the call moved to May; the detractor became a passive: NPS 100 x (1 - 0) / 2");

        patch("/api/v1/accounts/" + account, Map.of("ownerRepId", create("/api/v1/reps", Fixtures.repBody())));
        assertInstants(rep, "2", "1", null, "the account, and so its answers, moved to another rep");

        admin().delete("/api/v1/activities/" + meeting).then().statusCode(204);
        String run = Api.unique("touch");
        admin().contentType("text/csv").body(("externalRef,type,repId,accountId,occurredAt,outcome\n" + run + "-1,EMAIL," + rep + ","
                + account + ",2026-06-01T10:00:00Z,SENT\n" + run + "-2,DEMO," + rep + "," + account + ",2026-06-30T23:59:59Z,HELD\n")
                .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/activities").then().statusCode(200);
        assertInstants(rep, "3", "1", null, "the meeting deleted, two activities imported");

        JsonPath berlin = GraphQL.query("""
                query($rep: [String]) {
                  kpiSnapshot(kpis: ["activities"], filter: { repIds: $rep },
                              period: { from: "2026-01-01", to: "2026-03-31", timeZone: "Europe/Berlin" }) { values { value } }
                }""", Map.of("rep", List.of(rep)));
        assertEquals(0, BigDecimal.ZERO.compareTo(berlin.getObject("data.kpiSnapshot.values[0].value", BigDecimal.class)),
                "in Berlin, nothing of the first quarter is left (the meeting was deleted)");
        assertReadFrom("ACTIVITY_ROLLUP", "ACTIVITIES");
        assertReadFrom("LEAD_ROLLUP", "LEADS");
        assertReadFrom("SURVEY_ROLLUP", "SURVEYS");
    }

    private void assertInstants(String rep, String activities, String leads, String nps, String why) {
        assertNoDrift(ACTIVITY_ROLLUP, ACTIVITIES_FROM_BASE_TABLE, "(occurred_at at time zone 'UTC')::date", why);
        assertNoDrift(LEAD_ROLLUP, LEADS_FROM_BASE_TABLE, "(received_at at time zone 'UTC')::date", why);
        assertNoDrift(SURVEY_ROLLUP, ANSWERS_FROM_BASE_TABLES, "(s.responded_at at time zone 'UTC')::date", why);
        assertKpis(rep, why, "activities", activities, "new_leads", leads, "nps", nps);
    }

    private static String deal(String ref, String rep, String stage, int amount, String openedOn, String closedOn, String lossReason, String account) {
        return String.join(",", ref, ref, rep, "NEW_BUSINESS", stage, String.valueOf(amount), "EUR", openedOn, closedOn, lossReason, account) + "\n";
    }

    private static void importDeals(String csv, String mode, int status) {
        admin().contentType("text/csv").queryParam("mode", mode).body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/opportunities")
                .then().statusCode(status);
    }

    private static Map<String, Object> line(Object product, int quantity, int unitPrice, int discountPercent) {
        return Fixtures.map("productId", product, "quantity", quantity, "unitPrice", unitPrice, "discountPercent", discountPercent);
    }

    private static String json(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void patch(String path, Map<String, Object> changes) {
        admin().contentType("application/merge-patch+json").body(new java.util.HashMap<>(changes)).patch(path).then().statusCode(200);
    }

    private void assertRevenue(String rep, String expected, String why) {
        assertNoDrift(REVENUE_ROLLUP, REVENUE_FROM_BASE_TABLES, "o.ordered_on", why);
        assertKpis(rep, why, "revenue", expected);
    }

    private void assertDeals(String rep, String winRate, String bookings, String cycleDays, String openAtYearEnd, String why) {
        assertNoDrift(DEALS_ROLLUP, DEALS_FROM_BASE_TABLE, "closed_on", why);
        assertNoDrift(PIPELINE_ROLLUP, PIPELINE_FROM_BASE_TABLE, "e.day", why);
        assertNoDrift(OPEN_DEALS_ROLLUP, OPEN_DEALS_FROM_BASE_TABLE, "coalesce(closed_on, expected_close_on)", why);
        assertKpis(rep, why, "win_rate", winRate, "bookings", bookings, "sales_cycle_days_avg", cycleDays, "open_pipeline_value", openAtYearEnd);
    }

    /** The KPIs (name, then expected value or null) for the rep in 2026, and over split months the same from both paths. */
    private static void assertKpis(String rep, String why, String... kpiThenValue) {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kpiThenValue.length; i += 2) {
            expected.put(kpiThenValue[i], kpiThenValue[i + 1]);
        }
        assertSameFromRollupAndBase(rep, expected, why);
        assertSameOverSplitMonths(rep, List.copyOf(expected.keySet()), why);
    }

    private void assertNoDrift(String rollup, String base, String dayColumn, String when) {
        for (String grain : List.of("daily", "monthly")) {
            String expected = base.formatted(grain.equals("daily") ? dayColumn : "date_trunc('month', " + dayColumn + ")::date");
            String stored = rollup.formatted(grain);
            assertEquals(List.of(), Database.rowsThatDiffer(pool, stored, expected),
                    grain + " rollup rows that differ from the base table (stored, then expected): " + when);
        }
    }

    /** The rep's KPIs in 2026, from the rollup (no segment in the filter) and from the base tables (a segment filter). */
    private static void assertSameFromRollupAndBase(String rep, Map<String, String> expected, String why) {
        List<String> kpis = List.copyOf(expected.keySet());
        for (String segments : List.of("", ", segments: [\"MID_MARKET\"]")) {
            JsonPath answer = GraphQL.query("""
                    query($rep: [String], $kpis: [String!]!) {
                      kpiSnapshot(kpis: $kpis, filter: { repIds: $rep %s }, period: { from: "2026-01-01", to: "2026-12-31" }) {
                        values { kpi value }
                      }
                    }""".formatted(segments), Map.of("rep", List.of(rep), "kpis", kpis));
            assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
            for (int i = 0; i < kpis.size(); i++) {
                String want = expected.get(kpis.get(i));
                BigDecimal got = answer.getObject("data.kpiSnapshot.values[" + i + "].value", BigDecimal.class);
                String where = kpis.get(i) + ": " + why + (segments.isEmpty() ? " (rollup)" : " (base tables, segment filter)");
                if (want == null) {
                    assertNull(got, where);
                } else {
                    org.junit.jupiter.api.Assertions.assertNotNull(got, where);
                    assertEquals(0, new BigDecimal(want).compareTo(got), where + ", got " + got);
                }
            }
        }
    }

    /**
     * The rep's KPIs over periods that split months (read partly by day, partly by month) and a weekly series, the
     * same from the rollups as from the base tables.
     */
    private static void assertSameOverSplitMonths(String rep, List<String> kpis, String why) {
        for (String period : List.of("period: { from: \"2026-02-05\", to: \"2026-03-20\" }, granularity: MONTH",
                "period: { from: \"2026-01-01\", to: \"2026-04-30\" }, granularity: WEEK")) {
            List<List<String>> answers = new java.util.ArrayList<>();
            for (String segments : List.of("", ", segments: [\"MID_MARKET\"]")) {
                JsonPath answer = GraphQL.query("""
                        query($rep: [String], $kpis: [String!]!) {
                          kpiSeries(kpis: $kpis, filter: { repIds: $rep %s }, %s) { kpi points { bucketStart value } }
                        }""".formatted(segments, period), Map.of("rep", List.of(rep), "kpis", kpis));
                assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
                List<String> points = new java.util.ArrayList<>();
                for (int k = 0; k < kpis.size(); k++) {
                    for (int i = 0; i < answer.getList("data.kpiSeries[" + k + "].points").size(); i++) {
                        String point = "data.kpiSeries[" + k + "].points[" + i + "].";
                        BigDecimal value = answer.getObject(point + "value", BigDecimal.class);
                        points.add(answer.getString("data.kpiSeries[" + k + "].kpi") + " " + answer.getString(point + "bucketStart") + " "
                                + (value == null ? null : value.stripTrailingZeros().toPlainString()));
                    }
                }
                answers.add(points);
            }
            assertEquals(answers.get(1), answers.get(0), why + ", " + period + ": rollups (first) and base tables (second)");
        }
    }

    private static void assertReadFrom(String rollup, String base) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("saleskpi_kpi_statement_seconds_count{source=\"" + rollup + "\"}"), rollup + " was read");
        assertTrue(metrics.contains("saleskpi_kpi_statement_seconds_count{source=\"" + base + "\"}"), base + " was read");
    }
}
