package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.saleskpi.kpi.KpiResults.KpiDescriptor;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/kpis.md is the catalogue's definitions as a document: it must name exactly the KPIs the
 * catalogue query names, with the same definitions. Regenerate after a change with
 * ./mvnw test -Dtest=KpiDocumentationTest -Dcontracts.update=true
 */
@QuarkusTest
class KpiDocumentationTest {

    private static final Path DOCUMENT = Path.of("docs/kpis.md");
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void documentDefinesExactlyTheKpisOfTheCatalogue() throws IOException {
        String generated = render(KpiCatalogue.described(EUR));
        if (Boolean.getBoolean("contracts.update")) {
            Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
        }
        // a missing document is a failure too: written by the test, it would be compared with itself
        org.junit.jupiter.api.Assertions.assertTrue(Files.exists(DOCUMENT), DOCUMENT + " is not committed; run ./mvnw test"
                + " -Dtest=KpiDocumentationTest -Dcontracts.update=true");
        String committed = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        List<String> served = GraphQL.query("{ kpiCatalogue { name builtIn } }", java.util.Map.of())
                .getList("data.kpiCatalogue.findAll { it.builtIn }.name");
        Matcher headings = Pattern.compile("(?m)^### `([a-z0-9_]+)`").matcher(committed);
        TreeSet<String> documented = new TreeSet<>();
        while (headings.find()) {
            documented.add(headings.group(1));
        }
        assertEquals(new TreeSet<>(served), documented, "docs/kpis.md and the kpiCatalogue query name different KPIs");
        assertEquals(committed, generated, "docs/kpis.md differs from the catalogue's definitions; regenerate it with "
                + "./mvnw test -Dtest=KpiDocumentationTest -Dcontracts.update=true");
    }

    /** Where a measure is read from: its rollup when the request's dimensions allow, else its fact source. */
    private static String readFrom(Measure measure) {
        if (measure.rollup() == null) {
            return "read from " + measure.source();
        }
        TreeSet<Dimension> lost = new TreeSet<>(measure.source().dimensions());
        lost.removeAll(measure.rollup().dimensions());
        return "read from the rollup " + measure.rollup() + (lost.isEmpty() ? "" : ", or from " + measure.source() + " when a request"
                + " filters or breaks down by " + lost.stream().map(Enum::name).collect(Collectors.joining(" or ")));
    }

    static String render(List<KpiDescriptor> kpis) {
        StringBuilder out = new StringBuilder("""
                # KPI catalogue

                Every KPI the service computes, as defined by family in `src/main/java/com/saleskpi/kpi/` (`RevenueKpis`,
                `DealKpis`, `LeadKpis`, `ActivityKpis`, `CustomerKpis`, `CostKpis`, `PeopleKpis`) over the named measures of
                `Measures.java` (this file is generated from them; `KpiDocumentationTest` fails when the two differ).
                The same definitions are served by the GraphQL query `kpiCatalogue` and by `GET /api/v1/kpis/catalogue`,
                which also list the KPIs defined through the API (`/api/v1/custom-kpis`, the `defineKpi` mutation) as
                formulas over these measures (`GET /api/v1/kpis/measures`).

                General rules:
                - A KPI is a formula over named measures, each one aggregate (a count, a sum, an average, a median) of one
                  kind of record, listed under it. The formula is the one that computes the value: its text, numerator,
                  denominator and the rule for empty periods below are written by it. Any operation on a value that is
                  null is null: a division by 0, or an average over no records. Each measure's row says where it is read
                  from: a fact source (a query over the base tables, `FactSource.java`) or a rollup, `X_ROLLUP` being the
                  tables `x_daily` and `x_monthly` (below).
                - A period is a range of whole days, both ends included, in the requested time zone (UTC by default).
                  Records dated by a day (orders, deals, costs) fall in the period when that day does; records stamped
                  with an instant (leads, activities, surveys) when the instant falls on one of its days in that time zone.
                - Quarters and years, in presets (THIS_QUARTER, LAST_QUARTER, QUARTER_TO_DATE, THIS_YEAR, LAST_YEAR,
                  YEAR_TO_DATE) and in QUARTER and YEAR buckets, are those of the fiscal year, which starts on the first
                  day of FISCAL_YEAR_START_MONTH (1: the calendar year) and is named by the calendar year it ends in
                  (April 2026 to March 2027 is FY2027). SAME_PERIOD_LAST_YEAR is the same days a year earlier; a period
                  ending on a month's last day compares with that month's last day (February 29 included).
                - Ratios are returned as fractions (0.25 = 25 %). A ratio whose denominator is 0 is null, never NaN or an error.
                - Values are rounded half up to the decimals of their unit, the same for every KPI of a unit: {decimals}.
                  Money has those of the reporting currency's minor unit (EUR's above; 0 for JPY). A comparison's change
                  is the difference of the rounded values; its relativeChange is a RATIO.
                - Money is answered in the reporting currency (REPORTING_CURRENCY, EUR by default), with its code. Each
                  amount is converted at the latest exchange rate (/api/v1/exchange-rates: units of the currency per unit of
                  the reporting currency) on or before the day that places its record in the period: the order day, close
                  day, opening day, or the day a cost was incurred or a price observed; open pipeline, quotas and money
                  targets at the bucket's last day. A record whose currency has no such rate fails the request (422
                  missing-exchange-rate, naming the currency and the day): no amount is skipped or added unconverted. Rates
                  are read as the KPIs are computed, so a corrected rate changes them at once. A request may ask for another
                  currency (currency argument or parameter): amounts then convert at the cross rate of their day through the
                  reporting currency, and money targets and quotas from the reporting currency at the bucket's last day.
                - minDealAmount and maxDealAmount hold the deals to an amount range, in the currency amounts are answered
                  in, for the KPIs computed from opportunities alone (their dimensions row says so); those are then read
                  from the opportunities, not their rollups. Another KPI asked with them is a 400.
                - Team filters and breakdowns include sub-teams; territory filters include sub-territories. A filter value that
                  names nothing (an unknown id, a category no product has, a segment other than ENTERPRISE, MID_MARKET, SMB and
                  CONSUMER) is a 400 naming it, never an empty answer.
                  Orders, leads, activities and accounts belong to the team of their rep; deals carry their own team.
                - Revenue and units, deals won and lost, bookings, cycle length, open pipeline and deals worked are read
                  from rollups (tables revenue_, deals_closed_ and pipeline_ daily and monthly) that triggers keep equal
                  to the base tables inside every writing transaction, so they are never stale. A month that no bucket
                  boundary splits is read from the monthly table, the days of the other months from the daily one. The money
                  rollups are kept per currency; a monthly row of revenue or closed deals also holds its amount converted
                  record by record at the rate of each record's day, recomputed from the currency's daily rows when its rates
                  change, so that a request in the reporting currency reads a whole month as one row per currency. A request
                  in another currency reads the rows of the other currencies by day. A request that filters or breaks down
                  by segment, which the rollups do not keep, reads the base tables and gets the same numbers.
                - Leads received, activity counts (by type and outcome) and NPS/eNPS answers are read from rollups by UTC day
                  and month (tables lead_, activity_ and survey_ daily and monthly, kept the same way) in every time zone: a
                  bucket, from its first local midnight to the one after its last day, is read as the UTC months and days
                  between the nearest UTC midnights, corrected by the base records of the hours between those and the local
                  ones (added or taken away).
                - Cost: a request is priced before any statement runs, at KPIs x buckets x members x fact sources (a breakdown
                  or leaderboard counts {breakdownMembers} members; the fact sources are the distinct tables or rollups its measures read).
                  One request, all GraphQL fields together, may cost at most KPI_REQUEST_BUDGET (422 above); a caller may
                  spend KPI_CALLER_BUDGET_PER_MINUTE a minute (429 with Retry-After above). Periods lie within the years 1
                  to 9999.

                """.replace("{breakdownMembers}", String.valueOf(KpiBudget.BREAKDOWN_MEMBERS))
                .replace("{decimals}", Arrays.stream(Unit.values()).map(u -> u + " " + u.decimals(EUR)).collect(Collectors.joining(", "))));
        for (KpiDescriptor kpi : kpis) {
            out.append("### `").append(kpi.name()).append("`: ").append(kpi.title()).append("\n\n")
                    .append(kpi.description()).append(".\n\n")
                    .append("| | |\n| --- | --- |\n")
                    .append("| formula | `").append(kpi.formula()).append("` |\n");
            if (kpi.numerator() != null) {
                out.append("| numerator | `").append(kpi.numerator()).append("` |\n")
                        .append("| denominator | `").append(kpi.denominator()).append("` |\n");
            }
            kpi.measures().forEach(measure -> out.append("| measure `").append(measure.name()).append("` | ")
                    .append(measure.description()).append("; ").append(measure.whenEmpty()).append("; ")
                    .append(readFrom(KpiCatalogue.MEASURES.get(measure.name()))).append(" |\n"));
            out.append("| period | ").append(kpi.periodRule()).append(" |\n")
                    .append("| unit | ").append(kpi.unit()).append(kpi.currency() == null ? "" : " (" + kpi.currency() + ")")
                    .append(", ").append(kpi.decimals()).append(" decimals |\n")
                    .append("| direction | ").append(kpi.direction()).append(" |\n")
                    .append("| when empty | ").append(kpi.whenEmpty()).append(" |\n")
                    .append("| dimensions | ").append(kpi.dimensions().stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .append(kpi.dealAmountFilter() ? "; deal amount (minDealAmount, maxDealAmount)" : "")
                    .append(" |\n");
            if (kpi.change() != null) {
                out.append("| changed | ").append(kpi.change()).append(" |\n");
            }
            out.append("\n");
        }
        return out.toString();
    }
}
