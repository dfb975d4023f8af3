package com.saleskpi.kpi;

import java.time.LocalDate;
import java.time.Month;

/**
 * The company's fiscal year: it starts on the first day of a month (January: the calendar year) and is named by the
 * calendar year it ends in, so that with April as first month FY2027 runs from 2026-04-01 to 2027-03-31. Its quarters
 * are three months each from that first month. Quarter and year presets, buckets and labels follow it.
 */
public record FiscalCalendar(Month firstMonth) {

    static final FiscalCalendar CALENDAR_YEAR = new FiscalCalendar(Month.JANUARY);

    public static FiscalCalendar startingIn(int firstMonth) {
        if (firstMonth < 1 || firstMonth > 12) {
            throw new IllegalArgumentException("The fiscal year's first month must be 1 to 12, not " + firstMonth);
        }
        return new FiscalCalendar(Month.of(firstMonth));
    }

    /** Months from the start of the fiscal year to the day's month, 0 to 11. */
    private int monthOfYear(LocalDate day) {
        return Math.floorMod(day.getMonthValue() - firstMonth.getValue(), 12);
    }

    LocalDate yearStart(LocalDate day) {
        return day.withDayOfMonth(1).minusMonths(monthOfYear(day));
    }

    public LocalDate quarterStart(LocalDate day) {
        return day.withDayOfMonth(1).minusMonths(monthOfYear(day) % 3);
    }

    /** The year the fiscal year of the day ends in. */
    public int year(LocalDate day) {
        return yearStart(day).plusYears(1).minusDays(1).getYear();
    }

    /** 1 to 4. */
    public int quarter(LocalDate day) {
        return monthOfYear(day) / 3 + 1;
    }

    /** The first day of quarter 1 to 4 of the fiscal year named year (the calendar year it ends in). */
    public LocalDate quarterStart(int year, int quarter) {
        LocalDate yearStart = LocalDate.of(year, firstMonth, 1).minusYears(firstMonth == Month.JANUARY ? 0 : 1);
        return yearStart.plusMonths(3L * (quarter - 1));
    }
}
