package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** What the KPI queries answer, for GraphQL and REST alike. */
public final class KpiResults {

    private static final String CURRENCY = "ISO 4217 code of the money values (the reporting currency); null unless the unit"
            + " is CURRENCY";

    private KpiResults() {
    }

    @Description("A KPI value, with the value of the compared period and the change against it when asked for")
    public record KpiValue(String kpi, Unit unit, @Description(CURRENCY) String currency, Direction direction, BigDecimal value,
            BigDecimal comparisonValue, @Description("value - comparisonValue") BigDecimal change,
            @Description("(value - comparisonValue) / |comparisonValue|, a RATIO; null when the comparison value is 0 or missing")
            BigDecimal relativeChange, @Description(TargetProration.DESCRIPTION) TargetProration targetProration,
            @Description("The targets set for this KPI itself (a target's kpi or customKpiId) in the caller's scope, pro-rated to the"
                    + " period; null where none is set, or where the filter names a dimension targets do not have (only team, rep and"
                    + " territory)") BigDecimal target,
            @Description("value / target, a RATIO; null without a target") BigDecimal attainment) {

        /**
         * The values are rounded to the KPI's unit already, so that change is exactly value - comparisonValue; with the
         * target set for the KPI itself (rounded to its unit, or null), and the attainment of it.
         */
        static KpiValue of(KpiDefinition kpi, String currency, BigDecimal value, BigDecimal comparison, boolean compared,
                TargetProration proration, BigDecimal target) {
            BigDecimal change = compared && value != null && comparison != null ? value.subtract(comparison) : null;
            BigDecimal relativeChange = change == null ? null : KpiCatalogue.divide(change, comparison.abs());
            BigDecimal attainment = value == null || target == null ? null : KpiCatalogue.divide(value, target);
            return new KpiValue(kpi.name(), kpi.unit(), currency, kpi.direction(), value, comparison, change,
                    Unit.RATIO.round(relativeChange, null), proration, target, Unit.RATIO.round(attainment, null));
        }
    }

    @Description("The days a result covers, in its time zone")
    public record PeriodRange(LocalDate from, LocalDate to) {
    }

    @Description("KPI values for one period, optionally compared with another")
    public record KpiSnapshot(PeriodRange period, PeriodRange comparisonPeriod, String timeZone, List<KpiValue> values) {
    }

    @Description("One bucket of a time series")
    public record SeriesPoint(LocalDate bucketStart, LocalDate bucketEnd,
            @NonNull @Description("The bucket's name: 2026-04-01, 2026-W14, 2026-04, FY2027 Q1 or FY2027 (fiscal quarters and years"
                    + " are named by the calendar year they end in)") String label,
            BigDecimal value,
            @NonNull @Description("Whether the period cuts this bucket: bucketStart or bucketEnd is the period's end, not the"
                    + " bucket's own (the first and last quarter of LAST_12_MONTHS, say)") boolean partial) {
    }

    @Description("A KPI over time, one point per bucket, empty buckets included")
    public record KpiSeries(String kpi, Unit unit, @Description(CURRENCY) String currency, Granularity granularity, List<SeriesPoint> points,
            @Description(TargetProration.DESCRIPTION) TargetProration targetProration) {
    }

    @Description("The KPI for one member of a dimension; key null gathers records without that dimension")
    public record BreakdownRow(String key, String label, BigDecimal value, BigDecimal comparisonValue, BigDecimal change,
            BigDecimal relativeChange) {
    }

    @Description("A KPI broken down by a dimension, best first")
    public record KpiBreakdown(String kpi, Unit unit, @Description(CURRENCY) String currency, Dimension dimension, PeriodRange period, List<BreakdownRow> rows,
            @Description(TargetProration.DESCRIPTION) TargetProration targetProration) {
    }

    @Description("The best and the worst members of a dimension for a KPI")
    public record Leaderboard(String kpi, Unit unit, @Description(CURRENCY) String currency, Direction direction, Dimension dimension, List<BreakdownRow> top,
            List<BreakdownRow> bottom, @Description(TargetProration.DESCRIPTION) TargetProration targetProration) {
    }

    @Description("A member of a dimension, for filters and breakdowns: its key (as in filters and breakdown rows), its label"
            + " and its parent's key (a team's or territory's parent, a rep's team, a product's category)")
    public record DimensionMember(@NonNull String key, @NonNull String label, String parentKey) {
    }

    @Description("A KPI of the catalogue: how it is defined")
    public record KpiDescriptor(String name, String title, String description,
            @Description("The formula over its measures' names") String formula,
            @Description("The formula's numerator when it is a ratio, else null") String numerator,
            @Description("The formula's denominator when it is a ratio, else null") String denominator,
            @Description("Which date places a record in a period") String periodRule, Unit unit,
            @Description(CURRENCY) String currency,
            @NonNull @Description("Decimals of its values, rounded half up: the unit's (money: the currency's minor unit)") int decimals,
            Direction direction, @Description("What it returns when there is nothing to divide by") String whenEmpty,
            @Description("Dimensions it can be filtered and broken down by") List<Dimension> dimensions,
            @NonNull @Description("Whether it is computed from opportunities alone, so that minDealAmount and maxDealAmount"
                    + " apply to it") boolean dealAmountFilter,
            @NonNull @Description("The measures its formula names, in the order they appear") List<@NonNull KpiMeasure> measures,
            @NonNull @Description("Whether the service defines it (false: defined through /api/v1/custom-kpis)") boolean builtIn,
            @Description("The records a KPI defined through the API always looks at, within what a request asks for; null for"
                    + " none") KpiFilter fixedFilter,
            @Description("How its name or meaning changed (a formula brought to the sales articles' definition, the former meaning"
                    + " kept under another name), for clients that stored the old one; null when it never changed") String change) {

        static KpiDescriptor of(KpiDefinition kpi, Currency reportingCurrency) {
            return new KpiDescriptor(kpi.name(), kpi.title(), kpi.description(), kpi.formulaText(), kpi.numerator(),
                    kpi.denominator(), kpi.periodRule(), kpi.unit(), currencyOf(kpi, reportingCurrency),
                    kpi.unit().decimals(reportingCurrency), kpi.direction(), kpi.whenEmpty(), kpi.dimensions().stream().sorted().toList(),
                    kpi.fromDeals(), kpi.measures().stream().map(KpiMeasure::of).toList(), kpi.builtIn(), kpi.fixedFilter(), kpi.change());
        }
    }

    @Description("A named measure a KPI's formula is written over: an aggregate of one kind of record")
    public record KpiMeasure(@NonNull String name, @NonNull @Description("Unit of its values") Unit unit,
            @NonNull String description, @NonNull @Description("What it is when no record falls in a bucket") String whenEmpty,
            @NonNull @Description("Dimensions it can be filtered and broken down by") List<@NonNull Dimension> dimensions) {

        static KpiMeasure of(Measure measure) {
            return new KpiMeasure(measure.name(), measure.unit(), measure.description(), measure.whenEmpty().description,
                    measure.source().dimensions().stream().sorted().toList());
        }
    }

    @Description("A cohort's customers after some months: how many were still customers at the end of that month (0: the month"
            + " they were acquired in); null for months that have not begun")
    public record CohortPoint(@NonNull int monthsSince, Long retained, BigDecimal retentionRate, Long churned, BigDecimal churnRate) {
    }

    @Description("The customers acquired (first purchase) in one month, and what became of them month by month")
    public record Cohort(@NonNull LocalDate cohortMonth, @NonNull String label, @NonNull long customers,
            @NonNull List<@NonNull CohortPoint> points) {
    }

    @Description("Retention and churn by acquisition cohort: one cohort per month of the period")
    public record CohortTable(@NonNull PeriodRange period, @NonNull int months, @NonNull List<@NonNull Cohort> cohorts) {
    }

    /** The ISO 4217 code of a money KPI's values (the reporting currency); null for any other unit. */
    static String currencyOf(KpiDefinition kpi, Currency reportingCurrency) {
        return kpi.unit() == Unit.CURRENCY ? reportingCurrency.getCurrencyCode() : null;
    }
}
