package com.saleskpi.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;

@Description("Bucket size of a time series; weeks start on Monday, quarters and years are fiscal ones (FISCAL_YEAR_START_MONTH)")
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    LocalDate bucketStart(LocalDate day, FiscalCalendar fiscal) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> fiscal.quarterStart(day);
            case YEAR -> fiscal.yearStart(day);
        };
    }

    /** The name of the bucket that starts on a day: 2026-04-01, 2026-W14, 2026-04, FY2027 Q1, FY2027. */
    String label(LocalDate bucketStart, FiscalCalendar fiscal) {
        return switch (this) {
            case DAY -> bucketStart.toString();
            case WEEK -> bucketStart.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + String.format(Locale.ROOT, "%02d", bucketStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> bucketStart.toString().substring(0, 7);
            case QUARTER -> "FY" + fiscal.year(bucketStart) + " Q" + fiscal.quarter(bucketStart);
            case YEAR -> "FY" + fiscal.year(bucketStart);
        };
    }

    LocalDate next(LocalDate bucketStart) {
        return switch (this) {
            case DAY -> bucketStart.plusDays(1);
            case WEEK -> bucketStart.plusWeeks(1);
            case MONTH -> bucketStart.plusMonths(1);
            case QUARTER -> bucketStart.plusMonths(3);
            case YEAR -> bucketStart.plusYears(1);
        };
    }

    /** Whether a bucket of the series, from its first to its last day, is less than a whole bucket (the period cut it). */
    boolean isPartial(LocalDate first, LocalDate last, FiscalCalendar fiscal) {
        LocalDate start = bucketStart(first, fiscal);
        return !start.equals(first) || !next(start).minusDays(1).equals(last);
    }
}
