package com.saleskpi.kpi;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.eclipse.microprofile.graphql.Description;

@Description("A period relative to today; quarters and years are fiscal ones (FISCAL_YEAR_START_MONTH)")
public enum PeriodPreset {
    TODAY, YESTERDAY, THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH, MONTH_TO_DATE, THIS_QUARTER, LAST_QUARTER, QUARTER_TO_DATE,
    THIS_YEAR, LAST_YEAR, YEAR_TO_DATE, LAST_7_DAYS, LAST_30_DAYS, LAST_90_DAYS, LAST_12_MONTHS;

    /** The days the preset stands for, seen from today; quarters and years are those of the fiscal calendar. */
    LocalDate[] resolve(LocalDate today, FiscalCalendar fiscal) {
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate quarterStart = fiscal.quarterStart(today);
        LocalDate yearStart = fiscal.yearStart(today);
        LocalDate weekStart = today.minusDays(today.getDayOfWeek().getValue() - 1L);
        return switch (this) {
            case TODAY -> new LocalDate[] { today, today };
            case YESTERDAY -> new LocalDate[] { today.minusDays(1), today.minusDays(1) };
            case THIS_WEEK -> new LocalDate[] { weekStart, weekStart.plusDays(6) };
            case LAST_WEEK -> new LocalDate[] { weekStart.minusDays(7), weekStart.minusDays(1) };
            case THIS_MONTH -> new LocalDate[] { monthStart, today.with(TemporalAdjusters.lastDayOfMonth()) };
            case LAST_MONTH -> new LocalDate[] { monthStart.minusMonths(1), monthStart.minusDays(1) };
            case MONTH_TO_DATE -> new LocalDate[] { monthStart, today };
            case THIS_QUARTER -> new LocalDate[] { quarterStart, quarterStart.plusMonths(3).minusDays(1) };
            case LAST_QUARTER -> new LocalDate[] { quarterStart.minusMonths(3), quarterStart.minusDays(1) };
            case QUARTER_TO_DATE -> new LocalDate[] { quarterStart, today };
            case THIS_YEAR -> new LocalDate[] { yearStart, yearStart.plusYears(1).minusDays(1) };
            case LAST_YEAR -> new LocalDate[] { yearStart.minusYears(1), yearStart.minusDays(1) };
            case YEAR_TO_DATE -> new LocalDate[] { yearStart, today };
            case LAST_7_DAYS -> new LocalDate[] { today.minusDays(6), today };
            case LAST_30_DAYS -> new LocalDate[] { today.minusDays(29), today };
            case LAST_90_DAYS -> new LocalDate[] { today.minusDays(89), today };
            case LAST_12_MONTHS -> new LocalDate[] { monthStart.minusMonths(11), today };
        };
    }

    /** Months to shift back for the previous period of a to-date preset (0: shift by the period's own length). */
    int toDateMonths() {
        return switch (this) {
            case MONTH_TO_DATE -> 1;
            case QUARTER_TO_DATE -> 3;
            case YEAR_TO_DATE -> 12;
            default -> 0;
        };
    }
}
