package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Forecast periods by their identifiers, with a fiscal year that starts in April (FY2027: 2026-04-01 to 2027-03-31). */
class ForecastPeriodTest {

    private final FiscalCalendar april = FiscalCalendar.startingIn(4);

    @Test
    void quartersFollowTheFiscalYearMonthsTheCalendar() {
        ForecastPeriod q1 = ForecastPeriod.parse("FY2027-Q1", april).orElseThrow();
        assertEquals(new ForecastPeriod("FY2027-Q1", ForecastPeriod.Kind.QUARTER, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)), q1);
        assertEquals(new ForecastPeriod("FY2027-Q4", ForecastPeriod.Kind.QUARTER, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)),
                ForecastPeriod.parse("FY2027-Q4", april).orElseThrow());
        // the quarter before the year's first is the last of the year before
        assertEquals(ForecastPeriod.parse("FY2026-Q4", april).orElseThrow(), q1.previous(april));
        assertEquals(q1, ForecastPeriod.containing(LocalDate.of(2026, 5, 17), ForecastPeriod.Kind.QUARTER, april));

        ForecastPeriod february = ForecastPeriod.parse("2028-02", april).orElseThrow();
        assertEquals(new ForecastPeriod("2028-02", ForecastPeriod.Kind.MONTH, LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)), february);
        assertEquals(ForecastPeriod.parse("2028-01", april).orElseThrow(), february.previous(april));
    }

    @Test
    void anythingElseNamesNoPeriod() {
        for (String name : new String[] { null, "", "2026-13", "2026-00", "2026-1", "FY2027-Q5", "FY2027 Q1", "fy2027-q1", "2026-11-01" }) {
            assertTrue(ForecastPeriod.parse(name, april).isEmpty(), name);
        }
    }
}
