package com.saleskpi.forecast;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * A weekly forecast call, every number worked out by hand: a region R (manager M, rep A) with a sub-team S (manager N,
 * rep B), their deals of this quarter, last quarter's closed deals that teach the stage probabilities, BOOKINGS quotas,
 * calls, an adjustment and the roll-up.
 */
@QuarkusTest
class ForecastTest {

    @Inject
    Pool pool;

    // the fiscal year is the calendar year in tests: this quarter is FY<year>-Q<n>
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate quarterStart = today.withDayOfMonth(1).withMonth((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
    private final LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
    private final String quarter = "FY" + today.getYear() + "-Q" + today.get(IsoFields.QUARTER_OF_YEAR);

    private String region, sub, m, a, n, b;
    private String subjectM, subjectA, subjectN, subjectB;

    @BeforeEach
    void world() {
        region = create("/api/v1/teams", Fixtures.teamBody());
        sub = create("/api/v1/teams", map("name", unique("Sub-team"), "parentId", region));
        subjectM = unique("fc-m");
        subjectA = unique("fc-a");
        subjectN = unique("fc-n");
        subjectB = unique("fc-b");
        m = Fixtures.repFor(subjectM, region, "SALES_MANAGER");
        a = Fixtures.repFor(subjectA, region, "ACCOUNT_EXECUTIVE");
        n = Fixtures.repFor(subjectN, sub, "SALES_MANAGER");
        b = Fixtures.repFor(subjectB, sub, "ACCOUNT_EXECUTIVE");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", m)).patch("/api/v1/teams/" + region).then().statusCode(200);
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", n)).patch("/api/v1/teams/" + sub).then().statusCode(200);

        won(a, 1000);
        open(a, "NEGOTIATION", 2000, null);
        open(a, "PROPOSAL", 500, null);
        open(a, "PROSPECTING", 400, null);
        // closing next quarter: in no number of this one
        create("/api/v1/opportunities", deal(a, "NEGOTIATION", 9999, quarterStart, quarterEnd.plusDays(1)));
        won(b, 700);
        open(b, "PROPOSAL", 800, "COMMIT");
        // last quarter, in the region: one deal went PROSPECTING, NEGOTIATION, won; one NEGOTIATION, lost
        LocalDate lastQuarter = quarterStart.minusMonths(3);
        closedLastQuarter(a, List.of("PROSPECTING", "NEGOTIATION"), "CLOSED_WON", lastQuarter);
        closedLastQuarter(b, List.of("NEGOTIATION"), "CLOSED_LOST", lastQuarter);

        quota("REP", "repId", a, 5000);
        quota("TEAM", "teamId", region, 10000);
        quota("TEAM", "teamId", sub, 3000);
    }

    @Test
    void aWeeklyCallRepsSubmitManagersAdjustTheRegionReadsTheRollUp() {
        submit(rep(subjectA), map("repId", a, "commitAmount", 3000, "bestCaseAmount", 3500)).body("adjustment", equalTo(false))
                .body("submittedByRepId", equalTo(a)).body("periodStart", equalTo(quarterStart.toString()))
                .body("periodEnd", equalTo(quarterEnd.toString()));
        submit(rep(subjectB), map("repId", b, "commitAmount", 1500, "bestCaseAmount", 2300));
        // N, B's manager, finds B too optimistic: an adjustment, which says why
        submit(manager(subjectN), map("repId", b, "commitAmount", 1200, "bestCaseAmount", 2000, "note", "the 800 will slip"))
                .body("adjustment", equalTo(true)).body("submittedByRepId", equalTo(n));
        // M calls the region: M manages it, so it is a call, not an adjustment
        submit(manager(subjectM), map("teamId", region, "commitAmount", 6000, "bestCaseAmount", 7000)).body("adjustment", equalTo(false));
        Instant beforeSubTeamCall = Instant.now();

        // numbers as BigDecimal: the ratios have more digits than a float
        JsonPath forecast = new JsonPath(forecast(manager(subjectM), "teamId", region).extract().asString())
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertEquals(quarter, forecast.getString("period"));
        assertEquals("EUR", forecast.getString("currency"));
        // region R with S: won 1000 + 700; open COMMIT 2000 + 800 (B's owner-committed PROPOSAL); BEST_CASE 500;
        // pipeline 2000 + 500 + 400 + 800 = 3700; by stage 2000 x .75 + 500 x .5 + 400 x .1 + 800 x .5 = 2190; by
        // history (last quarter: NEGOTIATION 1 won of 2, PROSPECTING 1 of 1; PROPOSAL unseen, so its fixed .5)
        // 2000 x .5 + 500 x .5 + 400 x 1 + 800 x .5 = 2050; calls: M's own 6000/7000, roll-up A 3000 + S (no call of
        // its own: its reps, B's adjusted 1200) = 4200, best 3500 + 2000 = 5500; gap 10000 - 1700 = 8300; coverage
        // 3700 / 8300; projected (1700 + 2800) / 10000
        assertLine(forecast, "owner", "TEAM", region, "10000.00", "1700.00", "2800.00", "500.00", "3700.00", "2190.00", "2050.00",
                "6000.00", "7000.00", "4200.00", "5500.00", "8300.00", "0.4457831325301205", "0.45");
        // members: the region's reps (by name), then the sub-team
        List<String> kinds = forecast.getList("members.kind");
        assertEquals(List.of("REP", "REP", "TEAM"), kinds);
        int lineA = forecast.getList("members.id").indexOf(a);
        int lineM = forecast.getList("members.id").indexOf(m);
        // A: won 1000, COMMIT 2000, BEST_CASE 500, pipeline 2900, by stage 1500 + 250 + 40, by history 1000 + 250 + 400;
        // quota 5000: gap 4000, coverage 2900 / 4000, projected 3000 / 5000
        assertLine(forecast, "members[" + lineA + "]", "REP", a, "5000.00", "1000.00", "2000.00", "500.00", "2900.00", "1790.00",
                "1650.00", "3000.00", "3500.00", null, null, "4000.00", "0.725", "0.6");
        assertLine(forecast, "members[" + lineM + "]", "REP", m, null, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", null, null, null,
                null, null, null, null);
        // S: won 700, COMMIT 800, pipeline 800 (by stage and history 800 x .5); quota 3000: gap 2300, coverage 800 / 2300,
        // projected 1500 / 3000; no call of its own, roll-up B's adjusted 1200 / 2000
        assertLine(forecast, "members[2]", "TEAM", sub, "3000.00", "700.00", "800.00", "0.00", "800.00", "400.00", "400.00", null, null,
                "1200.00", "2000.00", "2300.00", "0.3478260869565217", "0.5");

        // the forecast KPIs give the view's numbers: the region 1700 won + 2800 COMMIT = 4500, + 500 BEST_CASE = 5000; A 1000 +
        // 2000 = 3000, + 500 = 3500
        assertEquals(List.of(4500.0f, 5000.0f), forecastKpis(manager(subjectM).queryParam("teamId", region), FORECASTS));
        assertEquals(List.of(3000.0f, 3500.0f), forecastKpis(rep(subjectA), FORECASTS));
        // and the view's calls, coverage, projection and history weighting: the region's call is M's own 6000 / 7000 (the
        // region's quota 10000 covers S's 3000); S has no call of its own: its roll-up, B's adjusted 1200 / 2000; A's own;
        // the quarter has not ended, so nothing is scored yet. (A's line in the region's view, 1650, learns from the region.)
        assertEquals(Arrays.asList(6000.0f, 7000.0f, 0.4458f, 0.45f, 2050.0f, null, null),
                forecastKpis(manager(subjectM).queryParam("teamId", region), CALLS));
        assertEquals(Arrays.asList(1200.0f, 2000.0f, 0.3478f, 0.5f, 400.0f, null, null),
                forecastKpis(manager(subjectN).queryParam("teamId", sub), CALLS));
        // A alone: quota 5000, coverage 2900 / 4000, projected 3000 / 5000; A's own history (last quarter's NEGOTIATION deal was
        // won): 2000 x 1 + 500 x .5 + 400 x 1, as A's own forecast has it
        assertEquals(Arrays.asList(3000.0f, 3500.0f, 0.725f, 0.6f, 2650.0f, null, null), forecastKpis(rep(subjectA), CALLS));
        forecast(rep(subjectA), "repId", a).body("owner.historyWeightedPipeline", equalTo(2650.0f));

        // N calls S: the region's roll-up now takes S's call instead of its reps'
        submit(manager(subjectN), map("teamId", sub, "commitAmount", 1000, "bestCaseAmount", 1800)).body("adjustment", equalTo(false));
        forecast(manager(subjectM), "teamId", region).body("owner.rolledUpCommit", equalTo(4000.0f))
                .body("owner.rolledUpBestCase", equalTo(5300.0f)).body("members[2].submittedCommit", equalTo(1000.0f));
        // S's call replaces its reps' in S's number; the region's stays M's own
        assertEquals(List.of(1000.0f, 1800.0f), forecastKpis(manager(subjectN).queryParam("teamId", sub), CALLS).subList(0, 2));
        assertEquals(List.of(6000.0f, 7000.0f), forecastKpis(manager(subjectM).queryParam("teamId", region), CALLS).subList(0, 2));
        // as the calls stood before it
        forecast(manager(subjectM).queryParam("callsAsOf", beforeSubTeamCall.toString()), "teamId", region)
                .body("owner.rolledUpCommit", equalTo(4200.0f)).body("members[2].submittedCommit", nullValue());
        // B sees their own line, the adjustment being their latest call
        forecast(rep(subjectB), "repId", b).body("owner.submittedCommit", equalTo(1200.0f)).body("members", org.hamcrest.Matchers.empty());

        // CSV: the owner's line first, then the members
        String csv = manager(subjectM).accept("text/csv").queryParam("period", quarter).queryParam("teamId", region).get("/api/v1/forecast")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\n");
        assertTrue(lines[0].startsWith("period,currency,line,kind,id,name,quota,closedWon"), lines[0]);
        assertTrue(lines[1].startsWith(quarter + ",EUR,OWNER,TEAM,\"" + region + "\""), lines[1]);
        assertEquals(5, lines.length);

        // GraphQL: the same forecast, and a call submitted through it
        Api.asSubject(subjectM, "sales-manager").body(Map.of("query", "{ forecast(period: \"" + quarter + "\", teamId: \"" + region
                + "\") { owner { closedWon openPipeline rolledUpCommit coverage } } }")).post("/graphql").then().statusCode(200)
                .body("data.forecast.owner.closedWon", equalTo(1700.0f)).body("data.forecast.owner.openPipeline", equalTo(3700.0f))
                .body("data.forecast.owner.rolledUpCommit", equalTo(4000.0f));
        Api.asSubject(subjectA, "sales-rep").body(Map.of("query", "mutation { submitForecast(call: { period: \"" + quarter
                + "\", repId: \"" + a + "\", commitAmount: 3100, bestCaseAmount: 3600 }) { repId commitAmount adjustment submittedBy } }"))
                .post("/graphql").then().statusCode(200).body("data.submitForecast.commitAmount", equalTo(3100.0f))
                .body("data.submitForecast.adjustment", equalTo(false)).body("data.submitForecast.submittedBy", equalTo(subjectA));
        forecast(rep(subjectA), "repId", a).body("owner.submittedCommit", equalTo(3100.0f));
    }

    /**
     * Deals in another currency are summed per currency and converted before the line is rounded, as the KPIs are: three
     * won and three open deals of 1 DKK, 3 DKK to the euro, are 1.00 EUR each (rounded per deal, 0.99); and the forecast
     * in kroner.
     */
    @Test
    void amountsInAnotherCurrencyAreSummedThenRoundedAsTheKpisAre() {
        String rate = create("/api/v1/exchange-rates", map("currency", "DKK", "rateDate", quarterStart.minusMonths(1).toString(), "rate", 3));
        List<String> deals = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Map<String, Object> won = deal(b, "CLOSED_WON", 1, quarterStart, null);
                won.put("closedOn", today.toString());
                won.put("currency", "DKK");
                deals.add(create("/api/v1/opportunities", won));
                Map<String, Object> open = deal(b, "PROPOSAL", 1, quarterStart, quarterEnd);
                open.put("currency", "DKK");
                deals.add(create("/api/v1/opportunities", open));
            }
            // B: won 700 + 1.00, COMMIT 800 (owner's), BEST_CASE 1.00, pipeline 801.00
            forecast(rep(subjectB), "repId", b).body("owner.closedWon", equalTo(701.0f)).body("owner.openBestCase", equalTo(1.0f))
                    .body("owner.openPipeline", equalTo(801.0f));
            assertEquals(List.of(1501.0f, 1502.0f), forecastKpis(rep(subjectB), FORECASTS));
            // in kroner: the euros at 3 DKK each, the kroner as they are: won 2100 + 3, COMMIT 2400, BEST_CASE 3
            rep(subjectB).queryParam("currency", "DKK").queryParam("period", quarter).queryParam("repId", b).get("/api/v1/forecast").then()
                    .statusCode(200).body("currency", equalTo("DKK")).body("owner.closedWon", equalTo(2103.0f))
                    .body("owner.openCommit", equalTo(2400.0f)).body("owner.openBestCase", equalTo(3.0f))
                    .body("owner.openPipeline", equalTo(2403.0f));
        } finally {
            // no deal of another test meets a currency without a rate
            deals.forEach(deal -> admin().delete("/api/v1/opportunities/" + deal).then().statusCode(204));
            admin().delete("/api/v1/exchange-rates/" + rate).then().statusCode(204);
        }
    }

    @Test
    void scopesBadInputImmutabilityAndRetries() {
        // a rep submits only their own call; a manager adjusts only within their teams; a rep reads only their own forecast
        submit(rep(subjectA), map("repId", b, "commitAmount", 1, "bestCaseAmount", 1), 403);
        submit(manager(subjectN), map("repId", a, "commitAmount", 1, "bestCaseAmount", 1, "note", "no"), 403);
        forecast(rep(subjectA), "teamId", region, 403);
        forecast(manager(subjectN), "teamId", region, 403);
        forecast(manager(subjectN), "teamId", sub, 200);
        forecast(Api.as("fc-analyst", "analyst"), "teamId", region, 200);

        long before = Database.count(pool, "forecast_submission");
        String month = today.withDayOfMonth(1).plusMonths(1).toString().substring(0, 7);
        for (Object[] bad : new Object[][] {
                { map("repId", a, "period", "2026-13", "commitAmount", 1, "bestCaseAmount", 1), "period" },
                { map("repId", a, "period", "FY2026-Q5", "commitAmount", 1, "bestCaseAmount", 1), "period" },
                { map("repId", a, "period", "2020-01", "commitAmount", 1, "bestCaseAmount", 1), "period" },
                { map("repId", a, "period", month, "commitAmount", -1, "bestCaseAmount", 1), "commitAmount" },
                { map("repId", a, "period", month, "commitAmount", 5, "bestCaseAmount", 4), "bestCaseAmount" },
                { map("repId", a, "teamId", region, "period", month, "commitAmount", 1, "bestCaseAmount", 1), "repId" },
                { map("repId", a, "period", month, "commitAmount", 1, "bestCaseAmount", 1, "currency", "euro"), "currency" } }) {
            admin().body(bad[0]).post("/api/v1/forecast-submissions").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad[1]));
        }
        // an adjustment says why: N adjusting B without a note is refused, naming the note
        manager(subjectN).body(map("repId", b, "period", month, "commitAmount", 1, "bestCaseAmount", 1)).post("/api/v1/forecast-submissions")
                .then().statusCode(422).body("errors.field", hasItem("note"));
        assertEquals(before, Database.count(pool, "forecast_submission"), "nothing of a refused submission is stored");
        forecast(manager(subjectM).queryParam("historyPeriods", 0), "teamId", region, 400);
        manager(subjectM).queryParam("period", "Q4").queryParam("teamId", region).get("/api/v1/forecast").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
        manager(subjectM).queryParam("period", quarter).get("/api/v1/forecast").then().statusCode(400);
        manager(subjectM).queryParam("period", quarter).queryParam("teamId", region).queryParam("callsAsOf", "2999-01-01T00:00:00Z")
                .get("/api/v1/forecast").then().statusCode(400).body("errors[0].field", equalTo("callsAsOf"));

        // a submission is never changed nor deleted
        String id = submit(rep(subjectA), map("repId", a, "period", month, "commitAmount", 10, "bestCaseAmount", 20,
                "submittedAt", "2020-01-01T00:00:00Z")).body("submittedByRepId", equalTo(a)).extract().path("id");
        String submittedAt = admin().get("/api/v1/forecast-submissions/" + id).then().statusCode(200).extract().path("submittedAt");
        assertTrue(Instant.parse(submittedAt).isAfter(Instant.now().minusSeconds(600)), "a rep's submittedAt is the server's clock: " + submittedAt);
        rep(subjectA).contentType("application/merge-patch+json").body("{\"commitAmount\": 11}").patch("/api/v1/forecast-submissions/" + id)
                .then().statusCode(405);
        admin().delete("/api/v1/forecast-submissions/" + id).then().statusCode(405);

        // a retry with the same Idempotency-Key stores one submission
        String key = unique("fc-key");
        Map<String, Object> call = map("repId", a, "period", month, "commitAmount", 40, "bestCaseAmount", 50);
        String first = rep(subjectA).header("Idempotency-Key", key).body(call).post("/api/v1/forecast-submissions").then().statusCode(201)
                .extract().path("id");
        rep(subjectA).header("Idempotency-Key", key).body(call).post("/api/v1/forecast-submissions").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));

        // admins import past calls with their instant and author; a re-sent file stores nothing twice, a changed row is refused
        String ref = unique("fc-import");
        String row = "{\"externalRef\":\"" + ref + "\",\"period\":\"" + quarter + "\",\"repId\":\"" + b + "\",\"commitAmount\":900,"
                + "\"bestCaseAmount\":950,\"submittedAt\":\"" + quarterStart + "T09:00:00Z\",\"submittedByRepId\":\"" + b + "\"}";
        admin().contentType("application/x-ndjson").body(row.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/forecast-submissions").then().statusCode(200)
                .body("created", equalTo(1));
        admin().contentType("application/x-ndjson").body(row.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/forecast-submissions").then().statusCode(200)
                .body("unchanged", equalTo(1));
        int changed = admin().contentType("application/x-ndjson").body(row.replace("900", "901").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/forecast-submissions")
                .then().contentType("application/problem+json").extract().statusCode();
        assertTrue(changed == 409 || changed == 422, "a row changing a stored submission is refused, not " + changed);
        admin().queryParam("externalRef", ref).get("/api/v1/forecast-submissions").then().statusCode(200)
                .body("items.submittedAt", contains(startsWith(quarterStart + "T09:00:00"))).body("items.adjustment", contains(false))
                .body("items.commitAmount", contains(900.0f));
    }

    private static final List<String> FORECASTS = List.of("forecast_commit", "forecast_best_case");
    private static final List<String> CALLS = List.of("submitted_commit_call", "submitted_best_case_call", "pipeline_coverage",
            "projected_attainment", "history_weighted_pipeline", "forecast_accuracy", "forecast_bias");

    private static List<Float> forecastKpis(RequestSpecification caller, List<String> kpis) {
        return caller.queryParam("kpi", kpis.toArray()).queryParam("preset", "THIS_QUARTER")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).extract().jsonPath().getList("values.value", Float.class);
    }

    private void won(String rep, int amount) {
        Map<String, Object> body = deal(rep, "CLOSED_WON", amount, quarterStart, null);
        body.put("closedOn", today.toString());
        create("/api/v1/opportunities", body);
    }

    private void open(String rep, String stage, int amount, String ownersCategory) {
        Map<String, Object> body = deal(rep, stage, amount, quarterStart, quarterEnd);
        if (ownersCategory != null) {
            body.put("forecastCategory", ownersCategory);
            body.put("forecastCategorySource", "OWNER");
        }
        create("/api/v1/opportunities", body);
    }

    private void closedLastQuarter(String rep, List<String> stages, String outcome, LocalDate opened) {
        String deal = create("/api/v1/opportunities", deal(rep, stages.get(0), 100, opened, opened.plusMonths(2)));
        for (String stage : stages.subList(1, stages.size())) {
            admin().contentType("application/merge-patch+json").body(Map.of("stage", stage)).patch("/api/v1/opportunities/" + deal).then()
                    .statusCode(200);
        }
        admin().contentType("application/merge-patch+json").body(Map.of("stage", outcome, "closedOn", opened.plusMonths(2).toString()))
                .patch("/api/v1/opportunities/" + deal).then().statusCode(200);
    }

    private static Map<String, Object> deal(String rep, String stage, int amount, LocalDate opened, LocalDate closing) {
        Map<String, Object> body = map("name", unique("Forecast deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", stage,
                "amount", amount, "currency", "EUR", "openedOn", opened.toString());
        if (closing != null) {
            body.put("expectedCloseOn", closing.toString());
        }
        return body;
    }

    private void quota(String scope, String field, String owner, int value) {
        create("/api/v1/targets", map("scope", scope, field, owner, "metric", "BOOKINGS", "periodStart", quarterStart.toString(),
                "periodEnd", quarterEnd.toString(), "value", value));
    }

    private RequestSpecification rep(String subject) {
        return Api.asSubject(subject, "sales-rep");
    }

    private RequestSpecification manager(String subject) {
        return Api.asSubject(subject, "sales-manager");
    }

    private io.restassured.response.ValidatableResponse submit(RequestSpecification caller, Map<String, Object> call) {
        return submit(caller, call, 201);
    }

    private io.restassured.response.ValidatableResponse submit(RequestSpecification caller, Map<String, Object> call, int status) {
        call.putIfAbsent("period", quarter);
        return caller.body(call).post("/api/v1/forecast-submissions").then().statusCode(status);
    }

    private io.restassured.response.ValidatableResponse forecast(RequestSpecification caller, String by, String id) {
        return forecast(caller, by, id, 200);
    }

    private io.restassured.response.ValidatableResponse forecast(RequestSpecification caller, String by, String id, int status) {
        return caller.queryParam("period", quarter).queryParam(by, id).get("/api/v1/forecast").then().statusCode(status);
    }

    /** One line of a forecast, every number as text (null where the line has none). */
    private static void assertLine(JsonPath forecast, String line, String kind, String id, String... numbers) {
        assertEquals(kind, forecast.getString(line + ".kind"));
        assertEquals(id, forecast.getString(line + ".id"));
        List<String> fields = List.of("quota", "closedWon", "openCommit", "openBestCase", "openPipeline", "stageWeightedPipeline",
                "historyWeightedPipeline", "submittedCommit", "submittedBestCase", "rolledUpCommit", "rolledUpBestCase", "gapToQuota",
                "coverage", "projectedAttainment");
        for (int i = 0; i < fields.size(); i++) {
            Object value = forecast.get(line + "." + fields.get(i));
            String expected = numbers[i];
            if (expected == null) {
                assertEquals(null, value, line + "." + fields.get(i));
            } else {
                assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(String.valueOf(value))), line + "." + fields.get(i)
                        + " is " + value + ", not " + expected);
            }
        }
    }
}
