package com.saleskpi.database;

import java.util.List;

/**
 * The rollup families, declared once: each is a pair of tables, {family}_daily and {family}_monthly, that triggers keep
 * equal to its base rows (R__rollups.sql names the families in rollup_statements, R__rollups_{family}.sql holds each
 * one's functions and triggers). The KPI side reads them through these names (RollupSql), the access rules derive their
 * row-level security policies from the columns that place a row (AccessRulesDdl), and RollupFamiliesTest holds the
 * database to this list: no rollup table outside it, none of it without its tables, columns and statements.
 */
public enum RollupFamily {
    /** Order lines of orders not cancelled, per order day, rep, territory, channel, product and currency. */
    REVENUE(List.of("rep_id"), null),
    /** Won and lost deals per close day, team, rep, territory, channel, product and currency. */
    DEALS_CLOSED(List.of("rep_id"), "team_id"),
    /** Deals opened and closed per day, team, rep, territory, channel, product and currency. */
    PIPELINE(List.of("rep_id"), "team_id"),
    /** Open deals per expected close day, team, rep, currency, stage and forecast category (what a forecast line sums). */
    OPEN_DEALS(List.of("rep_id"), "team_id"),
    /** Activities per UTC day, rep, type and outcome. */
    ACTIVITY(List.of("rep_id"), null),
    /** Leads per UTC day of receipt, owner, territory and channel. */
    LEAD(List.of("rep_id"), null),
    /** Survey answers per UTC day, survey, score, the account's owner and territory, and the respondent. */
    SURVEY(List.of("owner_rep_id", "respondent_rep_id"), null);

    /**
     * The columns naming a row's rep, the first one set being its rep (a survey answer's account owner, else the
     * respondent).
     */
    public final List<String> repColumns;
    /** The column of a row's own team, or null when its team is its rep's. */
    public final String teamColumn;

    RollupFamily(List<String> repColumns, String teamColumn) {
        this.repColumns = repColumns;
        this.teamColumn = teamColumn;
    }

    /** The family's name in SQL: the prefix of its tables, and what rollup_statements and its triggers call it. */
    public String sqlName() {
        return name().toLowerCase();
    }

    public String daily() {
        return sqlName() + "_daily";
    }

    public String monthly() {
        return sqlName() + "_monthly";
    }

    public List<String> tables() {
        return List.of(daily(), monthly());
    }
}
