package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

/** What KPIs can be filtered and broken down by; each fact source exposes these as standard columns. */
@Description("A dimension to filter or break KPIs down by")
public enum Dimension {
    TEAM("team_id", "select id::text as key, name as label from team where id::text = any($1)"),
    REP("rep_id", "select id::text as key, full_name as label from sales_rep where id::text = any($1)"),
    TERRITORY("territory_id", "select id::text as key, name as label from territory where id::text = any($1)"),
    CHANNEL("channel_id", "select id::text as key, name as label from channel where id::text = any($1)"),
    PRODUCT("product_id", "select id::text as key, name as label from product where id::text = any($1)"),
    CATEGORY("category", null),
    SEGMENT("segment", null);

    /** Column of every fact source that carries this dimension. */
    final String column;
    /** Query for the display names of keys; null where the key is its own label. */
    final String labelQuery;

    Dimension(String column, String labelQuery) {
        this.column = column;
        this.labelQuery = labelQuery;
    }
}
