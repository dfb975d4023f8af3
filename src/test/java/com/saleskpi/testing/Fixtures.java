package com.saleskpi.testing;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Valid request bodies for every entity, creating through the API whatever they refer to. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String create(String path, Map<String, Object> body) {
        return admin().body(body).post(path).then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> territoryBody() {
        return map("level", "REGION", "code", unique("T"), "name", "Region " + unique("r"));
    }

    public static Map<String, Object> teamBody() {
        return map("name", unique("Team"));
    }

    public static Map<String, Object> repBody() {
        String name = unique("rep");
        return map("email", name + "@example.com", "fullName", "Rep " + name, "role", "ACCOUNT_EXECUTIVE",
                "hireDate", "2024-01-15");
    }

    /** A rep of this team whose token subject is this one (their externalId), with this role; returns its id. */
    public static String repFor(String subject, String team, String role) {
        Map<String, Object> body = repBody();
        body.put("teamId", team);
        body.put("externalId", subject);
        body.put("role", role);
        return create("/api/v1/reps", body);
    }

    public static Map<String, Object> channelBody() {
        return map("code", unique("C"), "name", "Channel", "type", "ONLINE");
    }

    public static Map<String, Object> productBody() {
        return map("sku", unique("SKU"), "name", "Widget", "category", "Hardware", "listPrice", 99.5, "currency", "EUR");
    }

    public static Map<String, Object> accountBody() {
        return map("name", unique("Acme"), "segment", "MID_MARKET", "industry", "Retail");
    }

    public static Map<String, Object> campaignBody() {
        return map("name", unique("Campaign"), "startsOn", "2026-01-01", "endsOn", "2026-03-31");
    }

    public static Map<String, Object> leadBody() {
        return map("externalRef", unique("LEAD"), "fullName", "Lead " + unique("l"), "source", "WEB", "stage", "LEAD",
                "receivedAt", "2026-02-01T10:00:00Z");
    }

    public static Map<String, Object> opportunityBody() {
        return map("name", unique("Deal"), "ownerRepId", create("/api/v1/reps", repBody()), "type", "NEW_BUSINESS",
                "stage", "PROSPECTING", "amount", 12000, "currency", "EUR", "openedOn", "2026-02-01");
    }

    public static Map<String, Object> orderBody() {
        String product = create("/api/v1/products", productBody());
        return map("accountId", create("/api/v1/accounts", accountBody()), "status", "PLACED",
                "orderedOn", "2026-02-10", "currency", "EUR",
                "lines", List.of(map("productId", product, "quantity", 2, "unitPrice", 100, "discountPercent", 10)));
    }

    public static Map<String, Object> activityBody() {
        return map("type", "CALL", "repId", create("/api/v1/reps", repBody()), "occurredAt", "2026-02-03T09:30:00Z",
                "outcome", "POSITIVE", "durationMinutes", 15);
    }

    /** A quarter's revenue target; the year is drawn so that several targets of one rep do not share their natural key. */
    public static Map<String, Object> targetBody() {
        int year = 2100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(5000);
        return map("scope", "REP", "repId", create("/api/v1/reps", repBody()), "metric", "REVENUE",
                "periodStart", year + "-01-01", "periodEnd", year + "-03-31", "value", 50000);
    }

    /** A rep's call for next month (a period not over yet), with a note so that it is valid as an adjustment too. */
    public static Map<String, Object> forecastSubmissionBody() {
        return map("period", java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1).toString(), "repId",
                create("/api/v1/reps", repBody()), "commitAmount", 1000, "bestCaseAmount", 1500, "note", "fixture call");
    }

    private static final java.util.concurrent.atomic.AtomicInteger PLAN_MONTHS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A plan for a month of its own (a rep has one plan per period, and the access matrix gives one rep several): 5 %,
     * 8 % beyond the quota, 12 % beyond 150 % of it.
     */
    public static Map<String, Object> commissionPlanBody() {
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(PLAN_MONTHS.getAndIncrement());
        return map("externalRef", unique("PLAN"), "repId", create("/api/v1/reps", repBody()), "periodStart", month.atDay(1).toString(),
                "periodEnd", month.atEndOfMonth().toString(), "baseRate", 0.05, "firstAcceleratorAt", 1, "firstAcceleratorRate", 0.08,
                "secondAcceleratorAt", 1.5, "secondAcceleratorRate", 0.12);
    }

    /** A region's whole market for this year. */
    public static Map<String, Object> marketSizeBody() {
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        return map("externalRef", unique("MARKET"), "territoryId", create("/api/v1/territories", territoryBody()), "periodStart",
                year + "-01-01", "periodEnd", year + "-12-31", "amount", 5000000, "currency", "EUR", "source", "fixture study");
    }

    public static Map<String, Object> costBody() {
        return map("externalRef", unique("COST"), "kind", "MARKETING", "category", "ADVERTISING", "incurredOn", "2026-01-20", "amount", 1500,
                "currency", "EUR");
    }

    public static Map<String, Object> surveyBody() {
        return map("survey", "NPS", "score", 9, "accountId", create("/api/v1/accounts", accountBody()),
                "respondedAt", "2026-02-05T12:00:00Z");
    }

    public static Map<String, Object> competitorPriceBody() {
        return map("productId", create("/api/v1/products", productBody()), "competitor", "Globex", "price", 89.9,
                "currency", "EUR", "observedOn", "2026-02-07");
    }

    /**
     * A rate far in the future, so that it converts no amount of other tests; the day is drawn so that several rates do
     * not share their natural key (currency, day).
     */
    public static Map<String, Object> exchangeRateBody() {
        java.time.LocalDate day = java.time.LocalDate.of(2100, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        return map("externalRef", unique("FX"), "currency", "CHF", "rateDate", day.toString(), "rate", 0.9412);
    }

    /** A KPI defined through the API, with a name of its own. */
    public static Map<String, Object> customKpiBody() {
        return map("name", unique("custom_kpi").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"),
                "title", "Won share", "unit", "RATIO", "direction", "HIGHER_IS_BETTER", "formula", "deals_won / (deals_won + deals_lost)");
    }

    /** A valid body for the entity stored in this table; a new entity adds its line here, and the access matrix covers it. */
    public static Map<String, Object> bodyFor(String table) {
        return switch (table) {
            case "territory" -> territoryBody();
            case "team" -> teamBody();
            case "sales_rep" -> repBody();
            case "channel" -> channelBody();
            case "product" -> productBody();
            case "account" -> accountBody();
            case "campaign" -> campaignBody();
            case "lead" -> leadBody();
            case "opportunity" -> opportunityBody();
            case "sales_order" -> orderBody();
            case "activity" -> activityBody();
            case "target" -> targetBody();
            case "cost_entry" -> costBody();
            case "survey_response" -> surveyBody();
            case "competitor_price" -> competitorPriceBody();
            case "exchange_rate" -> exchangeRateBody();
            case "custom_kpi" -> customKpiBody();
            case "forecast_submission" -> forecastSubmissionBody();
            case "commission_plan" -> commissionPlanBody();
            case "market_size" -> marketSizeBody();
            default -> throw new IllegalArgumentException("No fixture body for table " + table + ": add one to Fixtures.bodyFor");
        };
    }

    /** A mutable map from key/value pairs (Map.of is immutable and rejects nulls). */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
