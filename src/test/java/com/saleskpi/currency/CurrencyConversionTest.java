package com.saleskpi.currency;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Money KPIs over records in euros, dollars and pounds, converted to the reporting currency (EUR) at the latest rate
 * on or before each record's day; worked out by hand. Rates: USD 1.25 from 2027-01-01 and 1.60 from 2027-02-01,
 * GBP 0.80 from 2027-01-01 (units per euro).
 */
@QuarkusTest
class CurrencyConversionTest {

    @Inject
    Pool pool;

    private String team;
    private String rep;
    private String usdFebruary;

    @BeforeEach
    void dealsInThreeCurrencies() {
        rateOnce("USD", "2027-01-01", "1.25");
        usdFebruary = rateOnce("USD", "2027-02-01", "1.60");
        rateOnce("GBP", "2027-01-01", "0.80");
        team = create("/api/v1/teams", Fixtures.teamBody());
        rep = Fixtures.repFor(unique("fx-rep"), team, "ACCOUNT_EXECUTIVE");
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        // bookings: 1000 EUR + 500 USD at 1.25 (400) + 800 USD at 1.60 (500) + 400 GBP at 0.80 (500) = 2400 EUR
        wonDeal(account, "1000", "EUR", "2027-01-10");
        wonDeal(account, "500", "USD", "2027-01-20");
        wonDeal(account, "800", "USD", "2027-02-15");
        wonDeal(account, "400", "GBP", "2027-03-05");
        // still open at the end of March: 1000 USD, at March 31's rate (1.60): 625 EUR
        deal(account, "1000", "USD", "PROSPECTING", null);
        // revenue: 100 EUR + 250 USD on 2027-01-15 at 1.25 (200) + 80 GBP at 0.80 (100) = 400 EUR
        order(account, "100", "EUR", "2027-01-12");
        order(account, "250", "USD", "2027-01-15");
        order(account, "80", "GBP", "2027-02-10");
    }

    @Test
    void aSnapshotEqualsTheHandConvertedSumsInGraphQLJsonAndCsv() {
        JsonPath graphql = snapshot(Map.of());
        assertEquals(List.of("bookings", "revenue", "open_pipeline_value", "average_deal_size"),
                graphql.getList("data.kpiSnapshot.values.kpi"));
        assertEquals(List.of("2400.00", "400.00", "625.00", "600.00"), values(graphql));
        assertEquals(List.of("EUR", "EUR", "EUR", "EUR"), graphql.getList("data.kpiSnapshot.values.currency"));

        admin().queryParam("kpi", "bookings").queryParam("teamId", team).queryParam("from", "2027-01-01").queryParam("to", "2027-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).body("values[0].currency", equalTo("EUR"))
                .body("values[0].value", equalTo(2400.0f));
        String csv = admin().accept("text/csv").queryParam("kpi", "bookings").queryParam("teamId", team).queryParam("from", "2027-01-01")
                .queryParam("to", "2027-03-31").get("/api/v1/kpis/snapshot").then().statusCode(200).extract().asString();
        assertEquals("bookings,CURRENCY,EUR,2027-01-01,2027-03-31,2400.00,,,", csv.lines().toList().get(1));
    }

    @Test
    void aRequestMayAskForAnotherCurrency() {
        // in dollars, each record at its day's rates: 1000 EUR x 1.25 + 500 + 800 + 400 GBP x 1.60 / 0.80 = 3350;
        // revenue 100 EUR x 1.25 + 250 + 80 GBP x 1.60 / 0.80 = 535; open 1000 USD; 3350 / 4 deals = 837.50
        JsonPath dollars = snapshot(Map.of(), "USD");
        assertEquals(List.of("3350.00", "535.00", "1000.00", "837.50"), values(dollars));
        assertEquals(List.of("USD", "USD", "USD", "USD"), dollars.getList("data.kpiSnapshot.values.currency"));
        String csv = admin().accept("text/csv").queryParam("kpi", "bookings").queryParam("teamId", team).queryParam("from", "2027-01-01")
                .queryParam("to", "2027-03-31").queryParam("currency", "USD").get("/api/v1/kpis/snapshot").then().statusCode(200)
                .extract().asString();
        assertEquals("bookings,CURRENCY,USD,2027-01-01,2027-03-31,3350.00,,,", csv.lines().toList().get(1));
        admin().queryParam("kpi", "bookings").queryParam("from", "2027-01-01").queryParam("to", "2027-03-31").queryParam("currency", "dollars")
                .get("/api/v1/kpis/snapshot").then().statusCode(400).body("errors[0].field", equalTo("currency"));
    }

    @Test
    void theRollupsAndTheBaseTablesConvertAlike() {
        // a segment filter reads the base tables, which the rollups (kept per currency) must match
        assertEquals(values(snapshot(Map.of())), values(snapshot(Map.of("segments", List.of("MID_MARKET")))));
        JsonPath months = GraphQL.query("""
                query($filter: KpiFilterInput) { kpiSeries(kpis: ["bookings"], filter: $filter,
                  period: { from: "2027-01-01", to: "2027-03-31" }, granularity: MONTH) { currency points { value } } }""",
                Map.of("filter", Map.of("teamIds", List.of(team))));
        assertNull(months.get("errors"), () -> "errors: " + months.get("errors"));
        // January 1000 + 400, February 500, March 500
        assertEquals(List.of(1400.0, 500.0, 500.0), months.getList("data.kpiSeries[0].points.value", Double.class));
    }

    @Test
    void aCorrectedRateChangesTheKpisAtOnce() {
        try {
            admin().body(Map.of("rate", 2.00)).patch("/api/v1/exchange-rates/" + usdFebruary).then().statusCode(200);
            // 800 USD at 2.00 is 400 (was 500); the open 1000 USD at 2.00 is 500 (was 625)
            assertEquals(List.of("2300.00", "400.00", "500.00", "575.00"), values(snapshot(Map.of())));
            assertConvertedRollupsMatchTheRecords();
        } finally {
            admin().body(Map.of("rate", 1.60)).patch("/api/v1/exchange-rates/" + usdFebruary).then().statusCode(200);
        }
    }

    @Test
    void aDayOutsideTheTableOfDailyRatesIsConvertedAlike() {
        // exchange_rate_daily keeps 15 years back; a deal of 2000 converts from exchange_rate itself: 1000 USD at 1.25
        rateOnce("USD", "1999-12-31", "1.25");
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        wonDeal(account, "1000", "USD", "2000-01-05");
        JsonPath answer = GraphQL.query("""
                query($team: [String]) { kpiSnapshot(kpis: ["bookings"], filter: { teamIds: $team },
                  period: { from: "2000-01-01", to: "2000-01-31" }) { values { value } } }""", Map.of("team", List.of(team)));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        assertEquals(800.0, answer.getDouble("data.kpiSnapshot.values[0].value"));
    }

    @Test
    void aMissingRateIsNamedNotSkipped() {
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        String yen = wonDeal(account, "10000", "JPY", "2027-03-10");
        try {
            assertMissingYenOn("2027-03-10");
            JsonPath graphql = GraphQL.query("""
                    query($team: [String]) { kpiSnapshot(kpis: ["bookings"], filter: { teamIds: $team },
                      period: { from: "2027-01-01", to: "2027-03-31" }) { values { value } } }""", Map.of("team", List.of(team)));
            assertEquals("BAD_USER_INPUT", graphql.getString("errors[0].extensions.code"));
        } finally {
            admin().delete("/api/v1/opportunities/" + yen).then().statusCode(204);
        }
    }

    @Test
    void ratesImportedAfterTheDealsConvertThemAndMovingARateAwayUnconvertsThem() {
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        String yen = wonDeal(account, "10000", "JPY", "2027-03-10");
        String ref = unique("fx-jpy");
        try {
            // 10000 JPY at 160 per euro is 62.50: bookings 2400 + 62.50, average (2462.50 / 5)
            importRate(ref, "2027-03-01", "160");
            assertEquals(List.of("2462.50", "400.00", "625.00", "492.50"), values(snapshot(Map.of())));
            assertConvertedRollupsMatchTheRecords();
            // the same rate moved to after the deal: the days before it have no yen rate any more
            importRate(ref, "2027-03-20", "160");
            assertMissingYenOn("2027-03-10");
            assertConvertedRollupsMatchTheRecords();
            // moved back, at 200: 50 euros
            importRate(ref, "2027-03-01", "200");
            assertEquals(List.of("2450.00", "400.00", "625.00", "490.00"), values(snapshot(Map.of())));
            assertConvertedRollupsMatchTheRecords();
        } finally {
            admin().delete("/api/v1/opportunities/" + yen).then().statusCode(204);
            List<String> ids = admin().queryParam("currency", "JPY").get("/api/v1/exchange-rates").then().statusCode(200).extract().path("items.id");
            ids.forEach(id -> admin().delete("/api/v1/exchange-rates/" + id).then().statusCode(204));
        }
    }

    private void assertMissingYenOn(String day) {
        admin().queryParam("kpi", "bookings").queryParam("teamId", team).queryParam("from", "2027-01-01").queryParam("to", "2027-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:saleskpi:problem:missing-exchange-rate"))
                .body("detail", org.hamcrest.Matchers.containsString("No exchange rate for JPY on or before " + day))
                .body("errors[0].field", equalTo("currency"));
    }

    /** A bulk import (rates written in one batch, rollups brought up to date once), creating or moving the rate of ref. */
    private static void importRate(String ref, String day, String rate) {
        admin().contentType("text/csv").body("externalRef,currency,rateDate,rate\n" + ref + ",JPY," + day + "," + rate + "\n")
                .post("/api/v1/import/exchange-rates").then().statusCode(200);
    }

    /**
     * The monthly rollups' amounts in the reporting currency (V9) against the records converted one by one at the latest
     * rate on or before their day (to a millionth: a month's sum is divided record by record, or day by day when rebuilt).
     */
    private void assertConvertedRollupsMatchTheRecords() {
        String rateOfTheDay = "(select r.rate from exchange_rate r where r.currency = %1$s and r.rate_date <= %2$s order by r.rate_date desc limit 1)";
        String revenue = """
                select date_trunc('month', o.ordered_on)::date, o.rep_id, o.territory_id, o.channel_id, l.product_id, o.currency,
                       round(coalesce(sum(l.net_amount / %s), 0), 6), count(*) filter (where %s is null)
                from order_line l join sales_order o on o.id = l.order_id where o.status <> 'CANCELLED' group by 1, 2, 3, 4, 5, 6"""
                .formatted(rateOfTheDay.formatted("o.currency", "o.ordered_on"), rateOfTheDay.formatted("o.currency", "o.ordered_on"));
        assertSameRows(revenue, """
                select day, rep_id, territory_id, channel_id, product_id, currency, round(net_amount_reporting, 6), lines_unrated
                from revenue_monthly""");
        String deals = """
                select date_trunc('month', d.closed_on)::date, d.team_id, d.owner_rep_id, d.territory_id, d.channel_id, d.product_id,
                       d.currency, round(coalesce(sum(d.amount / %s) filter (where d.stage = 'CLOSED_WON'), 0), 6),
                       count(*) filter (where %s is null)
                from opportunity d where d.closed_on is not null group by 1, 2, 3, 4, 5, 6, 7"""
                .formatted(rateOfTheDay.formatted("d.currency", "d.closed_on"), rateOfTheDay.formatted("d.currency", "d.closed_on"));
        assertSameRows(deals, """
                select day, team_id, rep_id, territory_id, channel_id, product_id, currency, round(won_amount_reporting, 6), deals_unrated
                from deals_closed_monthly""");
    }

    private void assertSameRows(String expected, String stored) {
        assertEquals(List.of(), Database.rowsThatDiffer(pool, stored, expected),
                () -> "monthly rows that differ from their records (stored, then expected): " + stored);
    }

    private JsonPath snapshot(Map<String, Object> moreFilters) {
        return snapshot(moreFilters, null);
    }

    private JsonPath snapshot(Map<String, Object> moreFilters, String currency) {
        Map<String, Object> filter = new java.util.HashMap<>(moreFilters);
        filter.put("teamIds", List.of(team));
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("filter", filter));
        variables.put("currency", currency);
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput, $currency: String) {
                  kpiSnapshot(kpis: ["bookings", "revenue", "open_pipeline_value", "average_deal_size"], filter: $filter,
                    period: { from: "2027-01-01", to: "2027-03-31" }, currency: $currency) { values { kpi value currency } } }""",
                variables);
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        return answer;
    }

    /** Values as the service wrote them (money to the cent), read without going through a double. */
    private static List<String> values(JsonPath answer) {
        return answer.getList("data.kpiSnapshot.values.value", BigDecimal.class).stream()
                .map(v -> v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()).toList();
    }

    /** The rates live as long as the test database; the first test to need one creates it. */
    private static String rateOnce(String currency, String day, String rate) {
        List<String> ids = admin().queryParam("currency", currency).queryParam("rateFrom", day).queryParam("rateTo", day)
                .get("/api/v1/exchange-rates").then().statusCode(200).extract().path("items.id");
        return ids.isEmpty() ? create("/api/v1/exchange-rates", Map.of("currency", currency, "rateDate", day, "rate", new BigDecimal(rate)))
                : ids.get(0);
    }

    private String wonDeal(String account, String amount, String currency, String closedOn) {
        return deal(account, amount, currency, "CLOSED_WON", closedOn);
    }

    /** A deal opened on 2027-01-05 or on the day it closed, whichever is earlier. */
    private String deal(String account, String amount, String currency, String stage, String closedOn) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("Deal"), "ownerRepId", rep, "teamId", team, "accountId",
                account, "type", "NEW_BUSINESS", "stage", stage, "amount", new BigDecimal(amount), "currency", currency,
                "openedOn", closedOn != null && closedOn.compareTo("2027-01-05") < 0 ? closedOn : "2027-01-05"));
        if (closedOn != null) {
            body.put("closedOn", closedOn);
        }
        return create("/api/v1/opportunities", body);
    }

    private void order(String account, String amount, String currency, String orderedOn) {
        String product = create("/api/v1/products", Fixtures.productBody());
        create("/api/v1/orders", Map.of("accountId", account, "repId", rep, "status", "PLACED", "orderedOn", orderedOn, "currency",
                currency, "lines", List.of(Map.of("productId", product, "quantity", 1, "unitPrice", new BigDecimal(amount), "discountPercent", 0))));
    }
}
