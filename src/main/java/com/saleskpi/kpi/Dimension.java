package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;

/** What KPIs can be filtered and broken down by; each fact source exposes these as standard columns. */
@Description("A dimension to filter or break KPIs down by")
public enum Dimension {
    TEAM("team_id", "select id::text, name, parent_id::text from team where %s order by name", "id::text"),
    REP("rep_id", "select id::text, full_name, team_id::text from sales_rep where %s order by full_name", "id::text"),
    TERRITORY("territory_id", "select id::text, name, parent_id::text from territory where %s order by name", "id::text"),
    CHANNEL("channel_id", "select id::text, name, null::text from channel where %s order by name", "id::text"),
    PRODUCT("product_id", "select id::text, name, category from product where %s order by name", "id::text"),
    CATEGORY("category", "select distinct category, category, null::text from product where category is not null and %s"
            + " order by 1", "category"),
    SEGMENT("segment", "select distinct segment, segment, null::text from account where %s order by 1", "segment");

    /** Column of every fact source that carries this dimension. */
    final String column;
    /**
     * The members (key, label, parent key: a team's or territory's parent, a rep's team, a product's category), of
     * the keys in $1, or of all when $1 is null: the display names of a breakdown and the members a dashboard offers.
     */
    final String membersQuery;

    Dimension(String column, String membersQuery, String key) {
        this.column = column;
        this.membersQuery = membersQuery.formatted("($1::text[] is null or " + key + " = any($1))");
    }
}
