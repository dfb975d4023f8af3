package com.saleskpi.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saleskpi.security.CallerScope.Role;

/**
 * The access rule as SQL, in the one form every path renders it (Ownership#visibleSql): the caller's scope as the
 * statement names it (ScopeTerms: the transaction's settings for policies, parameters for statements), and the rule of
 * each role over a row's rep and team.
 */
public final class RuleSql {

    private RuleSql() {
    }

    /** A uuid sent as text ("" for none): the client then sends what it was given, whatever the column's type. */
    public static String uuidFromText(String parameter) {
        return "cast(nullif(cast(" + parameter + " as text), '') as uuid)";
    }

    /** A uuid[] sent as the text of an array literal (uuidArray). */
    public static String uuidsFromText(String parameter) {
        return "cast(cast(" + parameter + " as text) as uuid[])";
    }

    /** The caller's scope as the named parameters of ruleSql. */
    public static Map<String, Object> scopeParameters(CallerScope scope) {
        return Map.of("me", scope.repId() == null ? "" : scope.repId().toString(),
                "myTeam", scope.teamId() == null ? "" : scope.teamId().toString(),
                "teams", uuidArray(scope.managedTeams()), "reps", uuidArray(scope.managedReps()));
    }

    /** A PostgreSQL array literal of uuids (NULL for a missing one). */
    public static String uuidArray(Collection<?> ids) {
        return "{" + String.join(",", ids.stream().map(id -> id == null ? "NULL" : id.toString()).toList()) + "}";
    }

    /**
     * How a rule in SQL names the caller's scope: their role (null where the role is chosen before the statement is
     * written), rep, team, managed teams and managed reps.
     */
    record ScopeTerms(String role, String me, String myTeam, String teams, String reps) {
    }

    /** The caller's scope as the transaction carries it, each read once per statement (an init plan), not once per row. */
    static final ScopeTerms SETTINGS = new ScopeTerms("(select current_setting('saleskpi.role', true))",
            "(select nullif(current_setting('saleskpi.rep', true), '')::uuid)",
            "(select nullif(current_setting('saleskpi.team', true), '')::uuid)",
            "(select nullif(current_setting('saleskpi.teams', true), '')::uuid[])::uuid[]",
            "(select nullif(current_setting('saleskpi.reps', true), '')::uuid[])::uuid[]");

    /**
     * Whether a row with this rep (null when rows have none) and team column (null when it has none) is in the caller's
     * scope: the rule of ruleSql and readConditionSql, with the manager's reps given as a list instead of a lookup of each row's rep,
     * so that the rule costs a comparison per row.
     */
    static String visibleSql(String rep, String team, boolean repIsTheRow, ScopeTerms scope) {
        return eitherRole(visibleSql(Role.REP, rep, team, repIsTheRow, scope), visibleSql(Role.MANAGER, rep, team, repIsTheRow, scope), scope);
    }

    /**
     * The rule of the caller's role, chosen by a case, not "role = 'REP' and ... or role = 'MANAGER' and ...": the
     * planner made that OR into one bitmap scan per role, which read all 222,018 of a rep's activities and sorted them
     * for a page of 501 (265 ms); a case is only a filter, and the statement's own conditions choose the index (0.4 ms).
     */
    static String eitherRole(String asRep, String asManager, ScopeTerms scope) {
        return "(case " + scope.role() + " when 'REP' then " + asRep + " when 'MANAGER' then " + asManager + " else false end)";
    }

    /** The rule for one role (REP or MANAGER). */
    static String visibleSql(Role role, String rep, String team, boolean repIsTheRow, ScopeTerms scope) {
        return visibleSql(role, rep, team, repIsTheRow, null, scope);
    }

    /**
     * The rule for one role, where a rep also reads the records of their team that no rep owns when sharedTeam names the
     * column of that team (Owned#readByTeamReps; null otherwise).
     */
    static String visibleSql(Role role, String rep, String team, boolean repIsTheRow, String sharedTeam, ScopeTerms scope) {
        if (role == Role.REP) {
            String own = rep != null ? rep + " = " + scope.me() : team + " = " + scope.myTeam();
            return sharedTeam == null ? own : "(" + own + " or " + rep + " is null and " + sharedTeam + " = " + scope.myTeam() + ")";
        }
        return team == null ? rep + " = any(" + scope.reps() + ")"
                : rep == null || repIsTheRow ? team + " = any(" + scope.teams() + ")"
                : "(" + team + " = any(" + scope.teams() + ") or (" + team + " is null and " + rep + " = any(" + scope.reps() + ")))";
    }

    /**
     * A rule whose scope terms are written {name} with each term it names as a numbered parameter ($firstParameter...),
     * put in parameters in their order: PostgreSQL cannot type a parameter its statement never names.
     */
    static String numbered(String text, Map<String, Object> values, int firstParameter, Map<String, Object> parameters) {
        Map<String, String> numbers = new HashMap<>();
        return TERM.matcher(text).replaceAll(term -> numbers.computeIfAbsent(term.group(1), name -> {
            String parameter = "$" + (firstParameter + parameters.size());
            parameters.put(parameter, values.get(name));
            return Matcher.quoteReplacement(parameter);
        }));
    }

    private static final Pattern TERM = Pattern.compile("\\{(\\w+)}");
}
