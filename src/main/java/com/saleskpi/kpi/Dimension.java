package com.saleskpi.kpi;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Description;

import com.saleskpi.account.Account;
import com.saleskpi.activity.Activity;
import com.saleskpi.lead.Lead;

/**
 * What KPIs can be filtered and broken down by. Each dimension is declared here once: its column, the filter field that
 * restricts it (a field of KpiFilter, and so of the GraphQL input, the REST parameters and the stored fixed filters), its
 * tree, its members, and where each fact source finds it (columnIn: an exhaustive switch, so that a new fact source says
 * for every dimension whether it carries it). FactSource writes its SELECT from these, null where it has no such column.
 */
@Description("A dimension to filter or break KPIs down by")
public enum Dimension {
    TEAM(Key.ID, "teamIds", "team", "select id::text, name, parent_id::text from team where %s order by name", "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY, REVENUE_ROLLUP, LEADS, LEAD_ROLLUP, ACTIVITIES, ACTIVITY_ROLLUP, ACCOUNTS,
                        CUSTOMER_PURCHASES, REP_QUOTAS, REPS, COMMISSIONS -> REPS_TEAM;
                case DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES -> "o.team_id";
                case DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP -> "d.team_id";
                case CLOSED_DEAL_STAGES -> "o.team_id";
                case FORECAST_CALLS -> "c.team_id";
                case COSTS -> "c.team_id";
                case SURVEYS, SURVEY_ROLLUP -> "coalesce(owner.team_id, respondent.team_id)";
                case TARGETS -> "t.team_id";
                case COMPETITOR_PRICES, MARKET_SIZES -> null;
            };
        }
    },
    REP(Key.ID, "repIds", null, "select id::text, full_name, team_id::text from sales_rep where %s order by full_name", "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY -> "o.rep_id";
                case DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES -> "o.owner_rep_id";
                case REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP, LEAD_ROLLUP, ACTIVITY_ROLLUP -> "d.rep_id";
                case CLOSED_DEAL_STAGES -> "o.owner_rep_id";
                case FORECAST_CALLS -> "c.rep_id";
                case LEADS -> "ld.owner_rep_id";
                case ACTIVITIES -> "x.rep_id";
                case ACCOUNTS, CUSTOMER_PURCHASES -> "a.owner_rep_id";
                case SURVEYS -> "coalesce(a.owner_rep_id, s.rep_id)";
                case SURVEY_ROLLUP -> "coalesce(d.owner_rep_id, d.respondent_rep_id)";
                case TARGETS -> "t.rep_id";
                case REP_QUOTAS, REPS, COMMISSIONS -> "r.id";
                case COSTS, COMPETITOR_PRICES, MARKET_SIZES -> null;
            };
        }
    },
    TERRITORY(Key.ID, "territoryIds", "territory", "select id::text, name, parent_id::text from territory where %s order by name",
            "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY, DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES, CLOSED_DEAL_STAGES ->
                        "o.territory_id";
                case REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP, LEAD_ROLLUP -> "d.territory_id";
                case LEADS -> "ld.territory_id";
                case ACTIVITIES, ACTIVITY_ROLLUP, REP_QUOTAS, REPS, COMMISSIONS -> "r.territory_id";
                case ACCOUNTS, CUSTOMER_PURCHASES -> "a.territory_id";
                case SURVEYS -> "coalesce(a.territory_id, respondent.territory_id)";
                case SURVEY_ROLLUP -> "coalesce(d.account_territory_id, respondent.territory_id)";
                case TARGETS -> "t.territory_id";
                case COMPETITOR_PRICES -> "c.territory_id";
                case MARKET_SIZES -> "m.territory_id";
                case COSTS, FORECAST_CALLS -> null;
            };
        }
    },
    CHANNEL(Key.ID, "channelIds", null, "select id::text, name, null::text from channel where %s order by name", "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY, DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES, CLOSED_DEAL_STAGES ->
                        "o.channel_id";
                case REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP, LEAD_ROLLUP -> "d.channel_id";
                case LEADS -> "ld.channel_id";
                case COSTS -> "cp.channel_id";
                // an account's acquisition channel: that of its first order
                case ACCOUNTS -> "(select o.channel_id from sales_order o where o.account_id = a.id and o.status <> 'CANCELLED'"
                        + " order by o.ordered_on, o.id limit 1)";
                case ACTIVITIES, ACTIVITY_ROLLUP, CUSTOMER_PURCHASES, SURVEYS, SURVEY_ROLLUP, TARGETS, REP_QUOTAS, REPS,
                        COMPETITOR_PRICES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    PRODUCT(Key.ID, "productIds", null, "select id::text, name, category from product where %s order by name", "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY -> "l.product_id";
                case DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES, CLOSED_DEAL_STAGES -> "o.product_id";
                case REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP -> "d.product_id";
                case COMPETITOR_PRICES -> "c.product_id";
                case LEADS, LEAD_ROLLUP, ACTIVITIES, ACTIVITY_ROLLUP, ACCOUNTS, CUSTOMER_PURCHASES, COSTS, SURVEYS, SURVEY_ROLLUP,
                        TARGETS, REP_QUOTAS, REPS, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    CATEGORY(Key.TEXT, "categories", null, "select distinct category, category, null::text from product where category is not null"
            + " and %s order by 1", "category") {
        @Override
        String columnIn(FactSource source) {
            return source == FactSource.MARKET_SIZES ? "m.category" : PRODUCT.columnIn(source) == null ? null : "p.category";
        }
    },
    SEGMENT(Key.TEXT, "segments", null, enumMembers(Account.Segment.values()), "x") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ORDER_LINES, ORDER_HISTORY, DEALS_OPENED, DEALS_CLOSED, PIPELINE, DEAL_CHANGES, LEADS, ACTIVITIES, ACCOUNTS,
                        CUSTOMER_PURCHASES, SURVEYS, CLOSED_DEAL_STAGES -> "a.segment";
                case CLOSED_DEAL_TOUCHES -> "ac.segment";
                case REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP, LEAD_ROLLUP, ACTIVITY_ROLLUP, SURVEY_ROLLUP, COSTS,
                        TARGETS, REP_QUOTAS, REPS, COMPETITOR_PRICES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    /** The industry of the account a record is about (free text on the account). */
    INDUSTRY(Key.TEXT, "industries", null, "select distinct industry, industry, null::text from account where industry is not null"
            + " and %s order by 1", "industry") {
        @Override
        String columnIn(FactSource source) {
            String segment = SEGMENT.columnIn(source);
            return segment == null ? null : segment.replace(".segment", ".industry");
        }
    },
    /** Where a lead came from (WEB, REFERRAL...), and so the deals closed from it. */
    LEAD_SOURCE(Key.TEXT, "leadSources", null, enumMembers(Lead.LeadSource.values()), "x") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case LEADS, DEALS_CLOSED, DEAL_CHANGES -> "ld.source";
                case ORDER_LINES, ORDER_HISTORY, REVENUE_ROLLUP, DEALS_OPENED, DEALS_CLOSED_ROLLUP, CLOSED_DEAL_TOUCHES, PIPELINE,
                        PIPELINE_ROLLUP, LEAD_ROLLUP, ACTIVITIES, ACTIVITY_ROLLUP, ACCOUNTS, CUSTOMER_PURCHASES, COSTS, SURVEYS,
                        SURVEY_ROLLUP, TARGETS, REP_QUOTAS, REPS, COMPETITOR_PRICES, CLOSED_DEAL_STAGES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    /** The kind of an activity (CALL, EMAIL, MEETING...): the outreach method. */
    ACTIVITY_TYPE(Key.TEXT, "activityTypes", null, enumMembers(Activity.ActivityType.values()), "x") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case ACTIVITIES, CLOSED_DEAL_TOUCHES -> "x.type";
                case ACTIVITY_ROLLUP -> "d.type";
                case ORDER_LINES, ORDER_HISTORY, REVENUE_ROLLUP, DEALS_OPENED, DEALS_CLOSED, DEALS_CLOSED_ROLLUP, PIPELINE,
                        PIPELINE_ROLLUP, DEAL_CHANGES, LEADS, LEAD_ROLLUP, ACCOUNTS, CUSTOMER_PURCHASES, COSTS, SURVEYS, SURVEY_ROLLUP,
                        TARGETS, REP_QUOTAS, REPS, COMPETITOR_PRICES, CLOSED_DEAL_STAGES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    /** The forecast category of a deal (its stage's, or the one its owner set), as the deal stood where it is read. */
    FORECAST_CATEGORY(Key.TEXT, "forecastCategories", null, "select x, x, null::text from unnest(array['PIPELINE', 'BEST_CASE',"
            + " 'COMMIT', 'CLOSED', 'OMITTED']) with ordinality c(x, n) where %s order by n", "x") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case DEALS_OPENED, DEALS_CLOSED, CLOSED_DEAL_TOUCHES, PIPELINE, DEAL_CHANGES -> "o.forecast_category";
                case ORDER_LINES, ORDER_HISTORY, REVENUE_ROLLUP, DEALS_CLOSED_ROLLUP, PIPELINE_ROLLUP, LEADS, LEAD_ROLLUP, ACTIVITIES,
                        ACTIVITY_ROLLUP, ACCOUNTS, CUSTOMER_PURCHASES, COSTS, SURVEYS, SURVEY_ROLLUP, TARGETS, REP_QUOTAS, REPS,
                        COMPETITOR_PRICES, CLOSED_DEAL_STAGES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    },
    /** The marketing campaign a lead came from, a cost was spent on, and a deal closed from a campaign's lead. */
    CAMPAIGN(Key.ID, "campaignIds", null, "select id::text, name, channel_id::text from campaign where %s order by name",
            "id::text") {
        @Override
        String columnIn(FactSource source) {
            return switch (source) {
                case LEADS, DEALS_CLOSED, DEAL_CHANGES -> "ld.campaign_id";
                case COSTS -> "c.campaign_id";
                case ORDER_LINES, ORDER_HISTORY, REVENUE_ROLLUP, DEALS_OPENED, DEALS_CLOSED_ROLLUP, CLOSED_DEAL_TOUCHES, PIPELINE,
                        PIPELINE_ROLLUP, LEAD_ROLLUP, ACTIVITIES, ACTIVITY_ROLLUP, ACCOUNTS, CUSTOMER_PURCHASES, SURVEYS,
                        SURVEY_ROLLUP, TARGETS, REP_QUOTAS, REPS, COMPETITOR_PRICES, CLOSED_DEAL_STAGES, FORECAST_CALLS, COMMISSIONS, MARKET_SIZES -> null;
            };
        }
    };

    /**
     * The team of the rep a fact source joins as r (or is, for the reps themselves): a team filter on such a source can be
     * read as "the team's reps" on the rep column, which the rollups index with the day (FactSource#teamIsTheRepsTeam).
     */
    static final String REPS_TEAM = "r.team_id";

    /** The SQL type of a dimension's keys. */
    enum Key {
        ID("uuid"), TEXT("varchar");

        final String sqlType;

        Key(String sqlType) {
            this.sqlType = sqlType;
        }
    }

    final Key keyType;
    /** The column under which every fact source's rows carry this dimension (null where a source has none). */
    final String column;
    /** The field of a KPI filter (KpiFilter, and so the GraphQL input and the stored fixed filters) that restricts it. */
    final String filterField;
    /**
     * The table of a dimension whose members form a tree (rows with a parent_id): a filter on a member includes the
     * members below it. Null for a flat dimension.
     */
    final String tree;
    /**
     * The members (key, label, parent key: a team's or territory's parent, a rep's team, a product's category, a
     * campaign's channel), of the keys in $1, or of all when $1 is null: the display names of a breakdown, the members a
     * dashboard offers, and what a filter may name (segments: every segment an account may have, whether or not one has
     * it yet).
     */
    final String membersQuery;
    /** membersQuery with its keys in another parameter than $1, for statements that check several dimensions at once. */
    private final String membersTemplate;
    private final String key;

    Dimension(Key keyType, String filterField, String tree, String membersQuery, String key) {
        this.keyType = keyType;
        this.column = name().toLowerCase() + (keyType == Key.ID ? "_id" : "");
        this.filterField = filterField;
        this.tree = tree;
        this.membersTemplate = membersQuery;
        this.key = key;
        this.membersQuery = membersOf("$1");
    }

    /** The expression of a fact source's SQL that is this dimension's key for its rows, or null if it has none. */
    abstract String columnIn(FactSource source);

    /** The dimensions a fact source carries: those whose columnIn names a column of it. */
    static Set<Dimension> carriedBy(FactSource source) {
        return Carried.BY_SOURCE.get(source);
    }

    /** Each source's dimensions, read once both enums exist (columnIn switches over the sources' constants). */
    private static final class Carried {
        static final Map<FactSource, Set<Dimension>> BY_SOURCE = new EnumMap<>(FactSource.class);

        static {
            for (FactSource source : FactSource.values()) {
                Set<Dimension> carried = EnumSet.noneOf(Dimension.class);
                Arrays.stream(Dimension.values()).filter(d -> d.columnIn(source) != null).forEach(carried::add);
                BY_SOURCE.put(source, Collections.unmodifiableSet(carried));
            }
        }
    }

    /** The members query of a dimension whose members are an enumeration's constants, in their declared order. */
    private static String enumMembers(Enum<?>[] values) {
        return "select x, x, null::text from unnest(array[" + Arrays.stream(values).map(value -> "'" + value.name() + "'")
                .collect(Collectors.joining(", ")) + "]) with ordinality m(x, n) where %s order by n";
    }

    /** membersQuery with the keys in the given text[] parameter ($2...). */
    String membersOf(String keys) {
        return membersTemplate.formatted("(" + keys + "::text[] is null or " + key + " = any(" + keys + "))");
    }
}
