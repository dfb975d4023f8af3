package com.saleskpi.kpi;

import java.util.Set;
import java.util.StringJoiner;

import com.saleskpi.database.RollupFamily;

/**
 * The SQL that reads the rollup tables (RollupFamily: kept equal to their base tables by triggers, R__rollups_*.sql):
 * rollups of instants placed in the buckets of any time zone, rollups at both grains, and money rollups in the requested
 * currency.
 */
final class RollupSql {

    private RollupSql() {
    }

    /**
     * The parts of a source's SQL that a statement's values decide whether anything is read from, known before the
     * statement is written (KpiSql): the rows of a money rollup in other currencies than the one requested, when it is
     * not the reporting currency; the daily rows of months that a bucket boundary splits; and the rollup rows and base
     * rows of each level of bucket pieces (BucketPieces); and which state of the deals is read (DealsAsOf). A part that
     * would read nothing is left out of the text, so that
     * PostgreSQL neither plans nor runs it: a team's revenue of two quarters in the reporting currency took 0.9-1.3 ms to
     * plan and 2.1-2.7 ms to run with every part, 0.35 and 0.7 ms with the monthly rows alone (100k deals).
     */
    record Parts(boolean otherCurrencies, boolean splitMonths, Set<BucketPieces.Level> pieces, DealsAsOf.Relation deals) {
    }

    /**
     * The rows of a rollup of instants (kept per UTC day and month) placed in the buckets of the request's time zone:
     * per bucket and rollup key, the signed sum over the bucket's pieces (KpiSql binds them as one table per level, see
     * BucketPieces) of the monthly rows of its MONTH pieces, the daily rows of its DAY pieces, and the base rows
     * (baseRows: the key columns and the instant, at) of its INSTANTS pieces, the hours between a local midnight and
     * the nearest UTC one (only the levels the pieces have). Every sum is a count of records in the bucket; keys with
     * none are left out, so that a count of distinct keys reads alike.
     */
    static String placedInBuckets(Parts parts, RollupFamily family, String keys, String count, String baseRows) {
        String fromRollup = keys.replaceAll("(\\w+)", "m.$1");
        StringJoiner pieces = new StringJoiner("\n                       union all\n");
        for (BucketPieces.Level level : parts.pieces()) {
            // an INSTANTS piece reads its few hours of base rows through their instant's index, one piece after the other
            // (offset 0 keeps the subquery from being flattened into a join, which the planner ran as every row of the
            // period against every piece: a team's weekly activities of a year in Kolkata, 141,737 rows x 106 pieces, 6.2 s)
            pieces.add(level == BucketPieces.Level.INSTANTS ? """
                    select p.bucket_start, p.sign, %s, 1 as n
                           from %s p cross join lateral (select * from (%s) m
                                                         where m.at >= p.span_start and m.at < p.span_end offset 0) m"""
                    .formatted(keys, level.table(), baseRows)
                    // a MONTH piece reads the monthly rollup row of its day, a DAY piece the daily one
                    : """
                    select p.bucket_start, p.sign, %s, m.%s as n
                           from %s p join %s m on m.day = p.day
                           where m.day between :pieces_from and :pieces_to"""
                    .formatted(fromRollup, count, level.table(), level == BucketPieces.Level.MONTH ? family.monthly() : family.daily()));
        }
        return """
                (select x.bucket_start, %1$s, sum(x.sign * x.n) as n
                 from (%2$s) x
                 group by x.bucket_start, %1$s
                 having sum(x.sign * x.n) <> 0)""".formatted(keys, pieces);
    }

    /**
     * The rows of a rollup at both grains: a month no bucket boundary splits is one row per key in
     * {family}_monthly (day = the first of the month), the days of the months in :split_months come from
     * {family}_daily (KpiSql binds :split_months; with none, the monthly rows alone). Both sum the same base rows, so
     * either reads the same.
     */
    static String dailyAndMonthly(Parts parts, RollupFamily family) {
        return parts.splitMonths() ? "(select * from " + family.daily() + " d where " + inSplitMonths("d")
                + " union all select * from " + family.monthly() + " where day <> all(:split_months))"
                : family.monthly();
    }

    /**
     * The daily rollup rows (alias) of the months in :split_months, read through the (day) index between the first and
     * the last of them: when no month is split, the bounds are null and no row is read (the statement ends by the
     * bucket, so the months before it would otherwise be read and filtered out, all of a pipeline's history).
     */
    static String inSplitMonths(String alias) {
        return ("%1$s.day >= (select min(m) from unnest(:split_months) m)"
                + " and %1$s.day < (select (max(m) + interval '1 month')::date from unnest(:split_months) m)"
                + " and date_trunc('month', %1$s.day)::date = any(:split_months)").formatted(alias);
    }

    /**
     * The rows of a money rollup (kept per currency, V8 and V9) with their amount in the requested currency (:currency).
     * In the reporting currency (:rates_base): the days of the months in :split_months converted by day, and monthly
     * rows as they are when in that currency, else their amount converted record by record when they were written
     * (unrated records fail the statement, naming the currency and the first day of the month with records). In another
     * currency, a monthly row cannot be converted: monthly rows only in :currency, the rows of every other currency by
     * day over the whole period (through the (currency, day) index). Which rows are read follows from the parts
     * (Parts: split months, another currency), decided before the statement is written.
     */
    static String inRequestedCurrency(Parts parts, RollupFamily family, String columns, String amount, String unrated) {
        Rates byDay = Rates.ROLLUP_DAY;
        // in the reporting currency, rows of every currency are read; in another, only those in it (and by day the others)
        String requestedOnly = "d.currency = :currency";
        StringJoiner monthlyConditions = new StringJoiner(" and ", "\n where ", "").setEmptyValue("");
        if (parts.splitMonths()) {
            monthlyConditions.add("d.day <> all(:split_months)");
        }
        if (parts.otherCurrencies()) {
            monthlyConditions.add(requestedOnly);
        }
        StringJoiner rows = new StringJoiner("\n union all\n", "(", ")");
        if (parts.splitMonths()) {
            rows.add("""
                    select %2$s, %3$s as %4$s
                     from %1$s d%5$s
                     where %6$s%7$s"""
                    .formatted(family.daily(), columns, byDay.convert("d." + amount), amount, byDay.joins(), inSplitMonths("d"),
                            parts.otherCurrencies() ? " and " + requestedOnly : ""));
        }
        if (parts.otherCurrencies()) {
            rows.add("""
                    select %2$s, %3$s as %4$s
                     from %1$s d%5$s
                     where (d.currency < :currency or d.currency > :currency) and d.day between :from::date and :to::date"""
                    .formatted(family.daily(), columns, byDay.convert("d." + amount), amount, byDay.joins()));
        }
        rows.add("""
                select %2$s, case when d.currency = :currency then d.%3$s when d.%4$s = 0 then d.%3$s_reporting
                                  else missing_exchange_rate(d.currency, (select min(x.day) from %6$s x where x.currency = d.currency
                                       and x.day >= d.day and x.day < (d.day + interval '1 month')::date)) end as %3$s
                 from %1$s d%5$s"""
                .formatted(family.monthly(), columns, amount, unrated, monthlyConditions, family.daily()));
        return rows.toString();
    }
}
