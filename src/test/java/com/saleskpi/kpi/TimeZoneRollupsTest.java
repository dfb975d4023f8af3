package com.saleskpi.kpi;

import static com.saleskpi.testing.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Activities, leads and survey answers are kept per UTC day and month; a request in another time zone reads the same
 * rollups, each bucket as whole UTC months and days corrected by the hours between its local midnights and the
 * nearest UTC ones (BucketPieces). Records placed around the month ends of 2026, worked out by hand in four zones:
 * Berlin (UTC+1, from March 29 UTC+2), Los Angeles (UTC-8, from March 8 UTC-7), Kolkata (UTC+5:30) and UTC.
 */
@QuarkusTest
class TimeZoneRollupsTest {

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata");

    private String team;

    @BeforeEach
    void recordsAroundTheMonthEnds() {
        team = create("/api/v1/teams", Fixtures.teamBody());
        String repA = Fixtures.repFor(com.saleskpi.testing.Api.unique("tz-a"), team, "ACCOUNT_EXECUTIVE");
        String repB = Fixtures.repFor(com.saleskpi.testing.Api.unique("tz-b"), team, "ACCOUNT_EXECUTIVE");
        Map<String, Object> accountBody = Fixtures.accountBody();
        accountBody.put("ownerRepId", repA);
        String account = create("/api/v1/accounts", accountBody);
        // the month of each in UTC, Berlin, Los Angeles and Kolkata, from its local time there
        activity(repA, account, "2026-02-28T23:30:00Z"); // Feb; Mar (00:30); Feb (15:30); Mar (05:00)
        activity(repA, account, "2026-03-01T07:30:00Z"); // Mar; Mar; Feb (Feb 28, 23:30); Mar
        activity(repA, account, "2026-03-15T12:00:00Z"); // Mar everywhere
        activity(repA, account, "2026-03-31T18:45:00Z"); // Mar; Mar (20:45); Mar; Apr (Apr 1, 00:15)
        activity(repA, account, "2026-04-01T06:59:00Z"); // Apr; Apr; Mar (Mar 31, 23:59); Apr
        activity(repB, account, "2026-03-31T22:30:00Z"); // Mar; Apr (Apr 1, 00:30); Mar; Apr (Apr 1, 04:00)
        Map<String, Object> lead = Fixtures.leadBody();
        lead.put("ownerRepId", repA);
        lead.put("accountId", account);
        lead.put("receivedAt", "2026-02-28T23:30:00Z");
        create("/api/v1/leads", lead);
        answer(account, 0, "2026-03-01T07:30:00Z"); // a detractor: Los Angeles February, elsewhere March
        answer(account, 10, "2026-03-31T18:45:00Z"); // a promoter: Kolkata April, elsewhere March
    }

    @Test
    void monthsInEachZoneMatchTheHandCountsFromTheRollups() {
        // activities, active reps (count of distinct reps, which a sliver taken away must not leave behind) and their ratio
        assertMonths("UTC", "activities", "1", "4", "1");
        assertMonths("Europe/Berlin", "activities", "0", "4", "2");
        assertMonths("America/Los_Angeles", "activities", "2", "4", "0");
        assertMonths("Asia/Kolkata", "activities", "0", "3", "3");
        assertMonths("UTC", "activities_per_rep", "1", "2", "1");
        assertMonths("Europe/Berlin", "activities_per_rep", null, "4", "1");
        assertMonths("America/Los_Angeles", "activities_per_rep", "2", "2", null);
        assertMonths("Asia/Kolkata", "activities_per_rep", null, "3", "1.5");
        assertMonths("UTC", "new_leads", "1", "0", "0");
        assertMonths("Europe/Berlin", "new_leads", "0", "1", "0");
        assertMonths("America/Los_Angeles", "new_leads", "1", "0", "0");
        assertMonths("Asia/Kolkata", "new_leads", "0", "1", "0");
        assertMonths("UTC", "nps", null, "0", null);
        assertMonths("Europe/Berlin", "nps", null, "0", null);
        assertMonths("America/Los_Angeles", "nps", "-100", "100", null);
        assertMonths("Asia/Kolkata", "nps", null, "-100", "100");
    }

    @Test
    void everyZoneAndGranularityReadsTheRollupsAsTheBaseTablesDo() {
        double before = rollupStatements();
        for (String zone : ZONES) {
            for (String period : List.of("period: { from: \"2026-03-25\", to: \"2026-04-05\", timeZone: \"%s\" }, granularity: DAY",
                    "period: { from: \"2026-02-01\", to: \"2026-04-30\", timeZone: \"%s\" }, granularity: WEEK",
                    "period: { from: \"2026-01-01\", to: \"2026-06-30\", timeZone: \"%s\" }, granularity: QUARTER",
                    "period: { from: \"2026-02-20\", to: \"2026-04-10\", timeZone: \"%s\" }, granularity: MONTH")) {
                String placed = period.formatted(zone);
                assertEquals(series(placed, ", segments: [\"MID_MARKET\"]"), series(placed, ""),
                        zone + ", " + placed + ": rollups (second) against base tables (first)");
            }
        }
        assertTrue(rollupStatements() >= before + ZONES.size() * 4, "the rollups were read in every zone");
    }

    private void assertMonths(String zone, String kpi, String... expected) {
        JsonPath answer = GraphQL.query("""
                query($team: [String], $kpi: String!) {
                  kpiSeries(kpis: [$kpi], filter: { teamIds: $team },
                            period: { from: "2026-02-01", to: "2026-04-30", timeZone: "%s" }, granularity: MONTH) { points { value } }
                }""".formatted(zone), Map.of("team", List.of(team), "kpi", kpi));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        List<BigDecimal> values = answer.getList("data.kpiSeries[0].points.value", BigDecimal.class);
        for (int month = 0; month < expected.length; month++) {
            String where = kpi + " in " + zone + ", month " + (month + 2) + ": " + values;
            if (expected[month] == null) {
                assertNull(values.get(month), where);
            } else {
                assertEquals(0, new BigDecimal(expected[month]).compareTo(values.get(month)), where);
            }
        }
    }

    /** The activity, lead and survey KPIs of the team per bucket; a segment filter reads the base tables. */
    private List<String> series(String period, String segments) {
        JsonPath answer = GraphQL.query("""
                query($team: [String]) {
                  kpiSeries(kpis: ["activities", "activities_per_rep", "meeting_acceptance_rate", "new_leads", "nps"],
                            filter: { teamIds: $team %s }, %s) { kpi points { bucketStart value } }
                }""".formatted(segments, period), Map.of("team", List.of(team)));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        List<String> points = new ArrayList<>();
        List<Map<String, Object>> series = answer.getList("data.kpiSeries");
        for (int k = 0; k < series.size(); k++) {
            for (Map<String, Object> point : answer.<Map<String, Object>>getList("data.kpiSeries[" + k + "].points")) {
                Object value = point.get("value");
                points.add(series.get(k).get("kpi") + " " + point.get("bucketStart") + " "
                        + (value == null ? null : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString()));
            }
        }
        return points;
    }

    private static double rollupStatements() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("saleskpi_kpi_statement_seconds_count\\{source=\"ACTIVITY_ROLLUP\"} (\\S+)").matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    private static void activity(String rep, String account, String occurredAt) {
        create("/api/v1/activities", Fixtures.map("type", "CALL", "repId", rep, "accountId", account, "occurredAt", occurredAt,
                "outcome", "POSITIVE"));
    }

    private static void answer(String account, int score, String respondedAt) {
        create("/api/v1/survey-responses", Fixtures.map("survey", "NPS", "score", score, "accountId", account, "respondedAt", respondedAt));
    }
}
