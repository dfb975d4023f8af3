package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Fiscal quarters and years, worked out by hand for years starting in April, October and March (across a leap day). */
class FiscalCalendarTest {

    private static final FiscalCalendar APRIL = FiscalCalendar.startingIn(4);
    private static final FiscalCalendar OCTOBER = FiscalCalendar.startingIn(10);
    private static final FiscalCalendar MARCH = FiscalCalendar.startingIn(3);

    private static List<String> preset(PeriodPreset preset, String today, FiscalCalendar fiscal) {
        return Arrays.stream(preset.resolve(LocalDate.parse(today), fiscal)).map(LocalDate::toString).toList();
    }

    @Test
    void aYearStartingInAprilIsNamedByTheYearItEndsIn() {
        LocalDate may = LocalDate.parse("2026-05-15");
        assertEquals(LocalDate.parse("2026-04-01"), APRIL.yearStart(may));
        assertEquals(2027, APRIL.year(may));
        assertEquals(1, APRIL.quarter(may));
        LocalDate february = LocalDate.parse("2027-02-10");
        assertEquals(LocalDate.parse("2026-04-01"), APRIL.yearStart(february));
        assertEquals(LocalDate.parse("2027-01-01"), APRIL.quarterStart(february));
        assertEquals(4, APRIL.quarter(february));
        assertEquals("FY2027 Q3", Granularity.QUARTER.label(LocalDate.parse("2026-10-01"), APRIL));
        assertEquals("FY2027", Granularity.YEAR.label(LocalDate.parse("2026-04-01"), APRIL));
        assertEquals("FY2026 Q1", Granularity.QUARTER.label(LocalDate.parse("2026-01-01"),
                FiscalCalendar.CALENDAR_YEAR));
        assertEquals("2026-W14", Granularity.WEEK.label(LocalDate.parse("2026-03-30"), APRIL));
        assertEquals("2026-04", Granularity.MONTH.label(LocalDate.parse("2026-04-01"), APRIL));
    }

    @Test
    void presetsFollowAFiscalYearStartingInApril() {
        // 2026-11-30 lies in FY2027 Q3 (October to December 2026)
        assertEquals(List.of("2026-10-01", "2026-12-31"), preset(PeriodPreset.THIS_QUARTER, "2026-11-30", APRIL));
        assertEquals(List.of("2026-07-01", "2026-09-30"), preset(PeriodPreset.LAST_QUARTER, "2026-11-30", APRIL));
        assertEquals(List.of("2026-04-01", "2026-11-30"), preset(PeriodPreset.YEAR_TO_DATE, "2026-11-30", APRIL));
        assertEquals(List.of("2026-04-01", "2027-03-31"), preset(PeriodPreset.THIS_YEAR, "2026-11-30", APRIL));
        assertEquals(List.of("2025-04-01", "2026-03-31"), preset(PeriodPreset.LAST_YEAR, "2026-11-30", APRIL));
        // in March the fiscal year is the one that began the April before
        assertEquals(List.of("2025-04-01", "2026-03-15"), preset(PeriodPreset.YEAR_TO_DATE, "2026-03-15", APRIL));
    }

    @Test
    void presetsFollowAFiscalYearStartingInOctober() {
        // 2026-11-30 lies in FY2027 Q1 (October to December 2026); the quarter before is FY2026 Q4
        assertEquals(List.of("2026-07-01", "2026-09-30"), preset(PeriodPreset.LAST_QUARTER, "2026-11-30", OCTOBER));
        assertEquals(List.of("2026-10-01", "2026-11-30"), preset(PeriodPreset.YEAR_TO_DATE, "2026-11-30", OCTOBER));
        assertEquals(List.of("2025-10-01", "2026-09-30"), preset(PeriodPreset.LAST_YEAR, "2026-11-30", OCTOBER));
        assertEquals("FY2026 Q4", Granularity.QUARTER.label(LocalDate.parse("2026-07-01"), OCTOBER));
        assertEquals(2027, OCTOBER.year(LocalDate.parse("2026-10-01")));
    }

    @Test
    void quarterBucketsOfAnAprilYearAreCutByThePeriod() {
        ResolvedPeriod period = new ResolvedPeriod(LocalDate.parse("2026-05-15"), LocalDate.parse("2027-02-10"), ZoneOffset.UTC, 0, APRIL);
        List<String> buckets = period.buckets(Granularity.QUARTER).stream().map(b -> b[0] + ".." + b[1]).toList();
        assertEquals(List.of("2026-05-15..2026-06-30", "2026-07-01..2026-09-30", "2026-10-01..2026-12-31", "2027-01-01..2027-02-10"),
                buckets);
        assertEquals(List.of("2026-05-15..2027-02-10"), period.buckets(Granularity.YEAR).stream().map(b -> b[0] + ".." + b[1]).toList());
        assertEquals(true, Granularity.YEAR.isPartial(LocalDate.parse("2026-05-15"), LocalDate.parse("2027-02-10"), APRIL));
        assertEquals(false, Granularity.YEAR.isPartial(LocalDate.parse("2026-04-01"), LocalDate.parse("2027-03-31"), APRIL));
    }

    @Test
    void aFiscalYearEndingOnALeapDayIsComparedWithTheYearBefore() {
        // March start: FY2024 runs from 2023-03-01 to 2024-02-29, a leap day
        assertEquals(List.of("2023-03-01", "2024-02-29"), preset(PeriodPreset.THIS_YEAR, "2024-01-15", MARCH));
        KpiPeriod fy2025 = new KpiPeriod();
        fy2025.from = LocalDate.parse("2024-03-01");
        fy2025.to = LocalDate.parse("2025-02-28");
        ResolvedPeriod lastYear = ResolvedPeriod.of(fy2025, Clock.systemUTC(), MARCH).comparedWith(Comparison.SAME_PERIOD_LAST_YEAR);
        assertEquals(List.of(LocalDate.parse("2023-03-01"), LocalDate.parse("2024-02-29")), List.of(lastYear.from(), lastYear.to()));
        ResolvedPeriod previous = ResolvedPeriod.of(fy2025, Clock.systemUTC(), MARCH).comparedWith(Comparison.PREVIOUS_PERIOD);
        assertEquals(List.of(LocalDate.parse("2023-03-01"), LocalDate.parse("2024-02-29")), List.of(previous.from(), previous.to()));
    }

    @Test
    void theFirstMonthIsAMonth() {
        assertThrows(IllegalArgumentException.class, () -> FiscalCalendar.startingIn(13));
        assertThrows(IllegalArgumentException.class, () -> FiscalCalendar.startingIn(0));
    }
}
