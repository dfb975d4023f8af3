package com.saleskpi.kpi;

import java.time.Duration;
import java.util.List;

import com.saleskpi.activity.Activity;

import io.smallrye.config.ConfigMapping;

/** How KPIs are admitted, priced and reported (application.properties, saleskpi.kpi.*; the environment variables there). */
@ConfigMapping(prefix = "saleskpi.kpi")
public interface KpiSettings {

    /** KPI evaluations (a REST request, a GraphQL field) run at once. */
    int concurrentEvaluations();

    /** KPI evaluations that may wait for their turn; the surplus gets 503. */
    int queuedEvaluations();

    /** How long an evaluation may wait for its turn before it gives up with 503 (below the statement timeout). */
    Duration admissionWait();

    /** The most one request may cost (KpiBudget). */
    long requestBudget();

    /** What one caller may spend a minute; 0 for no limit. */
    long callerBudgetPerMinute();

    /** ISO 4217 code of the currency money is reported in. */
    String reportingCurrency();

    /** The month the fiscal year starts in (1 = January). */
    int fiscalYearStartMonth();

    /** The activity types whose time counts as high-value selling time (high_value_activity_hours). */
    List<Activity.ActivityType> highValueActivityTypes();

    /** How a target the requested period covers only in part counts. */
    TargetProration targetProration();

    /** What a rep's leaderboard of their team shows of their peers. */
    PeerVisibility leaderboardPeerVisibility();

    /** KPI answers kept while the data they read stands (KpiCache). */
    Cache cache();

    interface Cache {
        /** Whether answers are kept at all. */
        boolean enabled();

        /** The most answers kept; the least recently used go first. */
        long maxSize();
    }

    /** What a rep's leaderboard shows of the other reps of their team: their names, only their ranks, or nothing. */
    enum PeerVisibility { NAMES, RANK, NONE }

    /** The fiscal calendar that month starts (not a setting of its own). */
    default FiscalCalendar fiscalCalendar() {
        return FiscalCalendar.startingIn(fiscalYearStartMonth());
    }
}
