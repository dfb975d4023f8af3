package com.saleskpi.kpi;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;

import com.saleskpi.account.Account;

/** What KPIs can be filtered and broken down by; each fact source exposes these as standard columns. */
@Description("A dimension to filter or break KPIs down by")
public enum Dimension {
    TEAM("team_id", "teamIds", "team", "select id::text, name, parent_id::text from team where %s order by name", "id::text"),
    REP("rep_id", "repIds", null, "select id::text, full_name, team_id::text from sales_rep where %s order by full_name", "id::text"),
    TERRITORY("territory_id", "territoryIds", "territory", "select id::text, name, parent_id::text from territory where %s order by name", "id::text"),
    CHANNEL("channel_id", "channelIds", null, "select id::text, name, null::text from channel where %s order by name", "id::text"),
    PRODUCT("product_id", "productIds", null, "select id::text, name, category from product where %s order by name", "id::text"),
    CATEGORY("category", "categories", null, "select distinct category, category, null::text from product where category is not null and %s"
            + " order by 1", "category"),
    SEGMENT("segment", "segments", null, "select x, x, null::text from unnest(array[" + Arrays.stream(Account.Segment.values())
            .map(segment -> "'" + segment.name() + "'").collect(Collectors.joining(", ")) + "]) x where %s order by 1", "x");

    /** Column of every fact source that carries this dimension. */
    final String column;
    /** The field of a KPI filter (KpiFilter, and so the GraphQL input and the stored fixed filters) that restricts it. */
    final String filterField;
    /**
     * The table of a dimension whose members form a tree (rows with a parent_id): a filter on a member includes the
     * members below it. Null for a flat dimension.
     */
    final String tree;
    /**
     * The members (key, label, parent key: a team's or territory's parent, a rep's team, a product's category), of
     * the keys in $1, or of all when $1 is null: the display names of a breakdown, the members a dashboard offers, and
     * what a filter may name (segments: every segment an account may have, whether or not one has it yet).
     */
    final String membersQuery;
    /** membersQuery with its keys in another parameter than $1, for statements that check several dimensions at once. */
    private final String membersTemplate;
    private final String key;

    Dimension(String column, String filterField, String tree, String membersQuery, String key) {
        this.column = column;
        this.filterField = filterField;
        this.tree = tree;
        this.membersTemplate = membersQuery;
        this.key = key;
        this.membersQuery = membersOf("$1");
    }

    /** membersQuery with the keys in the given text[] parameter ($2...). */
    String membersOf(String keys) {
        return membersTemplate.formatted("(" + keys + "::text[] is null or " + key + " = any(" + keys + "))");
    }
}
