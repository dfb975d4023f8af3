package com.saleskpi.kpi;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.saleskpi.common.problem.StorableValues;
import com.saleskpi.common.problem.ProblemException;

/**
 * Inclusive days in a time zone, with the rules for the period to compare with and for series buckets (in the fiscal
 * calendar).
 */
record ResolvedPeriod(LocalDate from, LocalDate to, ZoneId zone, int toDateMonths, FiscalCalendar fiscal) {

    static final int MAX_BUCKETS = 1000;

    static ResolvedPeriod of(KpiPeriod input, Clock clock, FiscalCalendar fiscal) {
        if (input == null) {
            throw ProblemException.invalidParameter("period", "is required");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(input.timeZone == null ? "UTC" : input.timeZone);
        } catch (DateTimeException e) {
            throw ProblemException.invalidParameter("period.timeZone", "is not a known time zone: " + input.timeZone);
        }
        if (input.preset != null) {
            if (input.from != null || input.to != null) {
                throw ProblemException.invalidParameter("period", "takes either a preset or from/to, not both");
            }
            LocalDate[] days = input.preset.resolve(LocalDate.now(clock.withZone(zone)), fiscal);
            return new ResolvedPeriod(days[0], days[1], zone, input.preset.toDateMonths(), fiscal);
        }
        if (input.from == null || input.to == null) {
            throw ProblemException.invalidParameter("period", "needs both from and to, or a preset");
        }
        for (var end : java.util.Map.of("period.from", input.from, "period.to", input.to).entrySet()) {
            String refusal = StorableValues.refusal(end.getValue());
            if (refusal != null) {
                throw ProblemException.invalidParameter(end.getKey(), refusal);
            }
        }
        if (input.from.isAfter(input.to)) {
            throw ProblemException.invalidParameter("period.from", "must not be after period.to");
        }
        return new ResolvedPeriod(input.from, input.to, zone, 0, fiscal);
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    ResolvedPeriod comparedWith(Comparison comparison) {
        if (comparison == Comparison.SAME_PERIOD_LAST_YEAR) {
            // a period ending on the last day of a month ends on that month's last day a year earlier (Feb 29 included)
            boolean endsAMonth = to.plusDays(1).getDayOfMonth() == 1;
            LocalDate end = endsAMonth ? to.plusDays(1).minusYears(1).minusDays(1) : to.minusYears(1);
            return new ResolvedPeriod(from.minusYears(1), end, zone, toDateMonths, fiscal);
        }
        if (toDateMonths > 0) {
            return new ResolvedPeriod(from.minusMonths(toDateMonths), to.minusMonths(toDateMonths), zone, toDateMonths, fiscal);
        }
        boolean wholeMonths = from.getDayOfMonth() == 1 && to.plusDays(1).getDayOfMonth() == 1;
        if (wholeMonths) {
            long months = ChronoUnit.MONTHS.between(from, to.plusDays(1));
            return new ResolvedPeriod(from.minusMonths(months), from.minusDays(1), zone, 0, fiscal);
        }
        return new ResolvedPeriod(from.minusDays(days()), from.minusDays(1), zone, 0, fiscal);
    }

    /** Buckets of the granularity that cover the period, clipped to it (the first and last may be partial). */
    List<LocalDate[]> buckets(Granularity granularity) {
        List<LocalDate[]> buckets = new ArrayList<>();
        for (LocalDate start = granularity.bucketStart(from, fiscal); !start.isAfter(to); start = granularity.next(start)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw ProblemException.invalidParameter("granularity", "is too fine for the period: more than " + MAX_BUCKETS
                        + " buckets; choose a coarser granularity or a shorter period");
            }
            LocalDate end = granularity.next(start).minusDays(1);
            buckets.add(new LocalDate[] { start.isBefore(from) ? from : start, end.isAfter(to) ? to : end });
        }
        return buckets;
    }
}
