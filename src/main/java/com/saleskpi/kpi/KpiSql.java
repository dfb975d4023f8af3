package com.saleskpi.kpi;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes the one SQL statement that computes a group of measures of one fact source, per bucket and,
 * for breakdowns, per member of a dimension. Every value from the request is a bound parameter;
 * only SQL fragments written in this package are concatenated.
 */
final class KpiSql {

    /**
     * The named parameters fact sources and the waterfall may use (:from, :tz...), each with the cast its placeholder
     * gets. Currencies are compared as stored (char(3)), so that the (currency, day) indexes serve comparisons with them.
     */
    private static final Map<String, String> NAMED_CASTS = Map.ofEntries(Map.entry("from", ""), Map.entry("to", ""), Map.entry("tz", ""),
            Map.entry("target_scope", ""), Map.entry("split_months", "::date[]"), Map.entry("currency", "::bpchar"),
            Map.entry("rates_base", "::bpchar"), Map.entry("pieces_from", "::date"), Map.entry("pieces_to", "::date"),
            Map.entry("bucket_starts", "::date[]"), Map.entry("as_of", ""), Map.entry("start_at", "::timestamptz"),
            Map.entry("end_at", "::timestamptz"), Map.entry("closing_from", "::date"), Map.entry("closing_to", "::date"),
            Map.entry("rates_day", "::date"), Map.entry("decimals", "::int"), Map.entry("period_start", "::date"),
            Map.entry("period_end", "::date"), Map.entry("learn_from", "::date"), Map.entry("calls_as_of", "::timestamptz"),
            Map.entry("owner_team", "::uuid"), Map.entry("owner_rep", "::uuid"),
            Map.entry("target_teams", "::uuid[]"), Map.entry("call_cutoff_week", "::int"), Map.entry("high_value_types", "::text[]"),
            Map.entry("market_territories", "::uuid[]"), Map.entry("target_proration", "::text"));

    record Statement(String sql, List<Object> parameters) {
    }

    /** The currency amounts are answered in, and the one exchange rates are quoted against (ISO 4217 codes). */
    record Money(String currency, String ratesBase) {
    }

    private final List<Object> parameters = new ArrayList<>();
    /** Values of the named parameters (:from, :tz...), bound where the text first uses them: an unused one is not sent. */
    private final Map<String, Object> named = new HashMap<>();
    private final Map<String, String> placeholders = new HashMap<>();

    /** A statement being written: see build, and PipelineWaterfall and ForecastView, which write their own with the same parameters. */
    KpiSql() {
    }

    /** Gives a named parameter (one of NAMED_CASTS) its value; it is bound only if the text uses it. */
    void name(String name, Object value) {
        named.put(name, value);
    }

    /** The statement of this text, its named parameters resolved. */
    Statement statement(String text) {
        return new Statement(resolveNamed(text), parameters);
    }

    /** The condition that a column is one of these ids or texts. */
    String anyOf(String column, List<?> values) {
        return values.get(0) instanceof UUID ? column + " = any(" + bind(values.toArray(new UUID[0])) + "::uuid[])"
                : column + " = any(" + bind(values.toArray(new String[0])) + "::text[])";
    }

    /**
     * @param buckets inclusive [start, end] day ranges; the statement answers one row per bucket (and dimension member)
     * @param by the dimension to break down by, or null
     * @param deals the state of the deals read: now, at an instant, or at each bucket's end (DealsAsOf)
     * @param keepEmptyBuckets whether buckets without any record still answer a row (series and snapshots)
     * @param settings the named parameters the service's settings give (ReportingSettings#statementParameters)
     */
    static Statement build(FactSource source, List<Measure> measures, List<LocalDate[]> buckets, KpiFilter filter, Dimension by,
            String timeZone, String targetScope, Money money, DealsAsOf deals, boolean keepEmptyBuckets, Map<String, Object> settings) {
        KpiSql sql = new KpiSql();
        sql.named.putAll(settings);
        LocalDate from = buckets.stream().map(b -> b[0]).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = buckets.stream().map(b -> b[1]).max(LocalDate::compareTo).orElseThrow();
        sql.named.put("from", from);
        sql.named.put("to", to);
        sql.named.put("tz", timeZone);
        sql.named.put("target_scope", targetScope);
        // teams asked for together, whose targets cover those of the teams below them; broken down by team, each its own
        sql.named.put("target_teams", by == Dimension.TEAM || !filter.restricts(Dimension.TEAM) ? null
                : filter.values(Dimension.TEAM).toArray(new UUID[0]));
        sql.named.put("call_cutoff_week", filter.callCutoffWeek);
        // territories asked for together, whose market sizes cover those below them: every one (null) when none is named,
        // none when broken down by territory (each its own)
        sql.named.put("market_territories", by == Dimension.TERRITORY ? new UUID[0]
                : filter.restricts(Dimension.TERRITORY) ? filter.values(Dimension.TERRITORY).toArray(new UUID[0]) : null);
        if (deals.at() != null) {
            sql.named.put("as_of", OffsetDateTime.ofInstant(deals.at(), ZoneOffset.UTC));
        }
        LocalDate[] splitMonths = splitMonths(buckets);
        sql.named.put("split_months", splitMonths);
        sql.named.put("currency", money.currency());
        sql.named.put("rates_base", money.ratesBase());

        StringJoiner ctes = new StringJoiner(",\n", "with ", "\n");
        List<String> conditions = new ArrayList<>();
        // Each event is placed in its bucket, and also held to the whole range with conditions that do not depend on
        // the bucket: those the planner can push into an index scan, so that only the range's rows are read.
        // Where no two buckets overlap, an event's bucket is also named by an equality (the last bucket starting on or
        // before its day, found by width_bucket's binary search), which the planner joins by hashing or per bucket's
        // index range: a range condition alone was a nested loop that compared every row with every bucket (a team's
        // monthly revenue over a year: 12 x 3,961 comparisons, half the statement's time).
        String bucketOf = disjoint(buckets) ? bucketOf(sql, buckets) : null;
        conditions.add(switch (source.periodKind) {
            case EVENT_DATE -> (bucketOf == null ? "" : bucketOf.formatted("s.period_value") + " and ")
                    + "s.period_value between b.bucket_start and b.bucket_end"
                    + " and s.period_value between :from::date and :to::date";
            case EVENT_INSTANT -> (bucketOf == null ? "" : bucketOf.formatted("(s.period_value at time zone :tz)::date") + " and ")
                    + "s.period_value >= b.bucket_start::timestamp at time zone :tz"
                    + " and s.period_value < (b.bucket_end + 1)::timestamp at time zone :tz"
                    + " and s.period_value >= :from::date::timestamp at time zone :tz"
                    + " and s.period_value < (:to::date + 1)::timestamp at time zone :tz";
            case PLACED -> "s.bucket_start = b.bucket_start";
            case STATE -> "true";
        });
        for (Dimension dimension : Dimension.values()) {
            if (!filter.restricts(dimension)) {
                continue;
            }
            // teams and territories arrive widened to their sub-teams and sub-territories (KpiEngine), as plain id lists
            // whose length the planner sees, so that it can pick the per-team or per-rep indexes
            List<?> values = filter.values(dimension);
            if (dimension == Dimension.TEAM && source.teamIsTheRepsTeam()) {
                conditions.add("s.rep_id = " + repsOf(sql, values));
            } else {
                conditions.add(sql.anyOf("s." + dimension.column, values));
                if (dimension == Dimension.TEAM && !source.teamPlacingReps().isEmpty()) {
                    String reps = repsOf(sql, values);
                    conditions.add(source.teamPlacingReps().stream().map(column -> "s." + column + " = " + reps)
                            .collect(Collectors.joining(" or ", "(", ")")));
                }
            }
        }
        if (filter.minDealAmount != null) {
            conditions.add("s.amount >= " + sql.bind(filter.minDealAmount) + "::numeric");
        }
        if (filter.maxDealAmount != null) {
            conditions.add("s.amount <= " + sql.bind(filter.maxDealAmount) + "::numeric");
        }
        if (filter.closingFrom != null) {
            conditions.add("s.expected_close_on >= " + sql.bind(filter.closingFrom) + "::date");
        }
        if (filter.closingTo != null) {
            conditions.add("s.expected_close_on <= " + sql.bind(filter.closingTo) + "::date");
        }
        LocalDate[] starts = buckets.stream().map(b -> b[0]).toArray(LocalDate[]::new);
        LocalDate[] ends = buckets.stream().map(b -> b[1]).toArray(LocalDate[]::new);
        ctes.add("buckets(bucket_start, bucket_end) as (select * from unnest(" + sql.bind(starts) + "::date[], "
                + sql.bind(ends) + "::date[]))");
        Set<BucketPieces.Level> pieceLevels = EnumSet.noneOf(BucketPieces.Level.class);
        if (source.periodKind == PeriodKind.PLACED) {
            BucketPieces pieces = BucketPieces.of(buckets, ZoneId.of(timeZone));
            pieceLevels = pieces.levelsPresent();
            sql.named.put("pieces_from", pieces.firstDay());
            sql.named.put("pieces_to", pieces.lastDay());
            for (BucketPieces.Level level : pieceLevels) {
                ctes.add(pieces.table(level, sql::bind));
            }
        }

        StringBuilder select = new StringBuilder(ctes.toString());
        select.append("select b.bucket_start, ").append(by == null ? "null" : "s." + by.column).append("::text as dim_key");
        for (Measure measure : measures) {
            select.append(",\n  ").append(measure.sqlFor(source));
        }
        select.append("\nfrom buckets b\n").append(keepEmptyBuckets ? "left join lateral (" : "join lateral (")
                .append(source.sql(new RollupSql.Parts(!money.currency().equals(money.ratesBase()), splitMonths.length > 0, pieceLevels,
                        deals.relation())))
                .append(") s on ").append(String.join("\n  and ", conditions))
                .append("\ngroup by 1, 2 order by 1, 2");
        return sql.statement(select.toString());
    }

    /** Whether no day lies in two buckets (a period compared with itself a year earlier may overlap it). */
    static boolean disjoint(List<LocalDate[]> buckets) {
        List<LocalDate[]> sorted = buckets.stream().sorted(Comparator.comparing((LocalDate[] b) -> b[0])).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (!sorted.get(i)[0].isAfter(sorted.get(i - 1)[1])) {
                return false;
            }
        }
        return true;
    }

    /** "Any of the reps of these teams" (the teams arrive widened to their sub-teams), bound once per use. */
    private static String repsOf(KpiSql sql, List<?> teams) {
        return "any(array(select r.id from sales_rep r where r.team_id = any(" + sql.bind(teams.toArray(new UUID[0])) + "::uuid[])))";
    }

    /** The condition that b is the bucket of a day (%s), for disjoint buckets: the last one starting on or before it. */
    private static String bucketOf(KpiSql sql, List<LocalDate[]> buckets) {
        sql.named.put("bucket_starts", buckets.stream().map(b -> b[0]).sorted().toArray(LocalDate[]::new));
        return "b.bucket_start = (:bucket_starts)[width_bucket(%s, :bucket_starts)]";
    }

    /**
     * The months (by their first day) that a bucket boundary splits: those in which a bucket starts, or ends, on
     * another day than the month does. Rollups read these by day and every other month as one monthly row, which then
     * lies wholly within one bucket, or wholly before or after the period.
     */
    static LocalDate[] splitMonths(List<LocalDate[]> buckets) {
        return buckets.stream().flatMap(b -> java.util.stream.Stream.of(b[0], b[1].plusDays(1)))
                .filter(cut -> cut.getDayOfMonth() != 1).map(cut -> cut.withDayOfMonth(1)).distinct().sorted()
                .toArray(LocalDate[]::new);
    }

    String bind(Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    /**
     * Replaces each named parameter (:from, not the cast ::date) by its placeholder. A scan from colon to colon: a regular
     * expression tried at every character of these 2 to 6 KB statements took 7 % of a dashboard's CPU in the service.
     */
    private String resolveNamed(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            if (colon > 0 && text.charAt(colon - 1) == ':') {
                continue;
            }
            int end = colon + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            String name = text.substring(colon + 1, end);
            if (NAMED_CASTS.containsKey(name)) {
                out.append(text, copied, colon).append(placeholders.computeIfAbsent(name, n -> bind(named.get(n)) + NAMED_CASTS.get(n)));
                copied = end;
            }
        }
        return out.append(text, copied, text.length()).toString();
    }
}
