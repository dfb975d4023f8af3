package com.saleskpi.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

import org.eclipse.microprofile.graphql.Description;

@Description("Bucket size of a time series; weeks start on Monday")
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    LocalDate bucketStart(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> day.withDayOfYear(1);
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
    boolean isPartial(LocalDate first, LocalDate last) {
        LocalDate start = bucketStart(first);
        return !start.equals(first) || !next(start).minusDays(1).equals(last);
    }
}
