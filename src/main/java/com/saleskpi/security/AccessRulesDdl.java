package com.saleskpi.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.saleskpi.database.RollupFamily;
import java.util.TreeMap;

/**
 * The DDL the access rules derive from the @Owned declarations: per owned table a tombstone trigger, then the scoped
 * role, its grants and the row-level security policies of every owned table, rollup and the tombstones. AccessRules
 * runs it at start-up; docs/access-rules.sql is it, committed for review (AccessRulesDdlTest).
 */
final class AccessRulesDdl {

    private AccessRulesDdl() {
    }

    /** Per owned table, the function and trigger that record a deleted row's tombstone. */
    static List<String> tombstones(Collection<Ownership> rules) {
        List<String> ddl = new ArrayList<>();
        for (Ownership rule : rules) {
            ddl.add(tombstoneFunction(rule));
            ddl.add("create or replace trigger " + rule.table() + "_record_deletion after delete on " + rule.table()
                    + " for each row execute function " + rule.table() + "_tombstone()");
        }
        return ddl;
    }

    /** The scoped role, its grants, and the policies of every owned table, rollup and the tombstones. */
    static List<String> rowSecurity(Collection<Ownership> rules, String scopedRole) {
        List<String> ddl = new ArrayList<>();
        // created and granted here when the database user may (dev, tests); in production the cluster declares both
        ddl.add("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + scopedRole + "') then"
                + " create role " + scopedRole + " nologin; end if;"
                + " if not pg_has_role(current_user, '" + scopedRole + "', 'member') then"
                + " execute 'grant " + scopedRole + " to ' || quote_ident(current_user); end if; end $$");
        ddl.add("grant usage on schema public to " + scopedRole);
        ddl.add("grant select, insert, update, delete on all tables in schema public to " + scopedRole);
        ddl.add("grant usage, select on all sequences in schema public to " + scopedRole);
        for (Ownership rule : rules) {
            if (rule.policySql() != null) {
                policy(ddl, rule.table(), "all", "using (" + rule.policySql() + ") with check (" + rule.policySql() + ")");
            }
        }
        for (Ownership rule : rules) {
            if (!rule.historyTable().isEmpty()) {
                keptByTriggers(ddl, rule.historyTable(), rule.policySqlOver(rule.historyTable()));
            }
        }
        for (Map.Entry<String, String> rollup : rollupPolicies().entrySet()) {
            keptByTriggers(ddl, rollup.getKey(), rollup.getValue());
        }
        keptByTriggers(ddl, "deleted_record", deletionsPolicy(rules));
        return ddl;
    }

    private static void policy(List<String> ddl, String table, String command, String rule) {
        policy(ddl, table + "_caller_scope", table, command, rule);
    }

    private static void policy(List<String> ddl, String name, String table, String command, String rule) {
        ddl.add("alter table " + table + " enable row level security");
        ddl.add("drop policy if exists " + name + " on " + table);
        ddl.add("create policy " + name + " on " + table + " for " + command + " to public " + rule);
    }

    /**
     * A table that triggers keep (rollups, tombstones) inside the caller's transaction: the caller reads only its scope,
     * and the triggers may write any row (they write only rows of records the caller may change).
     */
    private static void keptByTriggers(List<String> ddl, String table, String visible) {
        policy(ddl, table, "select", "using (" + visible + ")");
        policy(ddl, table + "_kept_insert", table, "insert", "with check (true)");
        policy(ddl, table + "_kept_update", table, "update", "using (true) with check (true)");
        policy(ddl, table + "_kept_delete", table, "delete", "using (true)");
    }

    /**
     * The rollups (RollupFamily), and who may read their rows: a row's rep is the first of its rep columns that is set (a
     * survey answer's account owner, else the respondent), its team its team column, else its rep's team.
     */
    private static Map<String, String> rollupPolicies() {
        Map<String, String> policies = new TreeMap<>();
        for (RollupFamily family : RollupFamily.values()) {
            for (String table : family.tables()) {
                List<String> reps = family.repColumns.stream().map(column -> table + "." + column).toList();
                String rep = reps.size() == 1 ? reps.get(0) : "coalesce(" + String.join(", ", reps) + ")";
                policies.put(table, RuleSql.visibleSql(rep, family.teamColumn == null ? null : table + "." + family.teamColumn, false,
                        RuleSql.SETTINGS));
            }
        }
        return policies;
    }

    /** Tombstones: those of reference data are everyone's, the others follow their entity's rule (see Ownership#deletionsCondition). */
    private static String deletionsPolicy(Collection<Ownership> rules) {
        StringBuilder policy = new StringBuilder("case deleted_record.entity");
        for (Ownership rule : rules) {
            policy.append(" when '").append(rule.table()).append("' then ").append(rule.reference() ? "true" : rule.tombstonePolicySql());
        }
        return policy.append(" else false end").toString();
    }

    /** The trigger function writing a deleted row's tombstone with its rep and team, as the entity's rule defines them. */
    static String tombstoneFunction(Ownership rule) {
        return "create or replace function " + rule.table() + "_tombstone() returns trigger language plpgsql as $$ begin"
                + " insert into deleted_record (entity, record_id, rep_id, team_id, team_line) values (tg_table_name, old.id, "
                + rule.tombstoneRepSql() + ", " + rule.tombstoneTeamSql() + ", " + rule.tombstoneTeamLineSql() + "); return old; end $$";
    }
}
