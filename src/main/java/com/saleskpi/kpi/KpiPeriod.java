package com.saleskpi.kpi;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;

/** A period given either by explicit days (both inclusive) or by a preset relative to today in the time zone. */
@Description("Period of a KPI query: from/to (inclusive days) or a preset, in a time zone (default UTC)")
public class KpiPeriod {
    public LocalDate from;
    public LocalDate to;
    public PeriodPreset preset;
    @Description("IANA time zone, e.g. Europe/Berlin; decides which day an instant falls on and what 'today' is")
    public String timeZone = "UTC";
}
