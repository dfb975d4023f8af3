package com.saleskpi.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period that forecasts are made for: a month (2026-11) or a quarter of the fiscal calendar (FY2027-Q1, the fiscal
 * year named by the calendar year it ends in, FISCAL_YEAR_START_MONTH), with its first and last day.
 */
public record ForecastPeriod(String name, Kind kind, LocalDate start, LocalDate end) {

    public enum Kind { MONTH, QUARTER }

    /** The identifiers a period may have, for validation messages and the OpenAPI document. */
    public static final String PATTERN = "\\d{4}-(0[1-9]|1[0-2])|FY\\d{4}-Q[1-4]";

    private static final Pattern QUARTER = Pattern.compile("FY(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    /** The period an identifier names, if it names one. */
    public static Optional<ForecastPeriod> parse(String name, FiscalCalendar fiscal) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher quarter = QUARTER.matcher(name);
        if (quarter.matches()) {
            return Optional.of(quarter(fiscal.quarterStart(Integer.parseInt(quarter.group(1)), Integer.parseInt(quarter.group(2))), fiscal));
        }
        return MONTH.matcher(name).matches() ? Optional.of(month(YearMonth.parse(name))) : Optional.empty();
    }

    /** What a period identifier must be, for the problems that refuse one. */
    public static String expected(String name) {
        return "must name a month (2026-11) or a fiscal quarter (FY2027-Q1), not " + name;
    }

    /** The period of this kind that holds the day. */
    public static ForecastPeriod containing(LocalDate day, Kind kind, FiscalCalendar fiscal) {
        return kind == Kind.MONTH ? month(YearMonth.from(day)) : quarter(fiscal.quarterStart(day), fiscal);
    }

    private static ForecastPeriod month(YearMonth month) {
        return new ForecastPeriod(month.toString(), Kind.MONTH, month.atDay(1), month.atEndOfMonth());
    }

    private static ForecastPeriod quarter(LocalDate start, FiscalCalendar fiscal) {
        return new ForecastPeriod("FY" + fiscal.year(start) + "-Q" + fiscal.quarter(start), Kind.QUARTER, start,
                start.plusMonths(3).minusDays(1));
    }

    /** The period of the same kind that ends the day before this one starts. */
    public ForecastPeriod previous(FiscalCalendar fiscal) {
        return containing(start.minusDays(1), kind, fiscal);
    }
}
