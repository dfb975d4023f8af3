package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.eclipse.microprofile.graphql.Description;

/** What a KPI value measures, and so how many decimals it is given (rounded half up, the same for every KPI of a unit). */
@Description("Unit of a KPI value; values are rounded half up to the unit's decimals (the KPI catalogue gives them)")
public enum Unit {
    /** An amount of money in the reporting currency, to its minor unit (2 decimals for EUR, 0 for JPY). */
    CURRENCY(-1),
    /** A whole number of things. */
    COUNT(0),
    /** An average number of things: activities per rep, touches per won deal; 2 decimals. */
    COUNT_AVERAGE(2),
    /** A share or ratio; 0.25 means 25 %; 4 decimals (0.01 %). */
    RATIO(4),
    /** A score such as NPS (-100..100) or CSAT (1..5); 2 decimals. */
    SCORE(2),
    /** 2 decimals. */
    DAYS(2),
    /** 2 decimals. */
    HOURS(2);

    private final int decimals;

    Unit(int decimals) {
        this.decimals = decimals;
    }

    /** Decimals of a value of this unit; money has those of the reporting currency's minor unit. */
    int decimals(Currency reportingCurrency) {
        return this == CURRENCY ? reportingCurrency.getDefaultFractionDigits() : decimals;
    }

    BigDecimal round(BigDecimal value, Currency reportingCurrency) {
        return value == null ? null : value.setScale(decimals(reportingCurrency), RoundingMode.HALF_UP);
    }
}
