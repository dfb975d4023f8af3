package com.saleskpi.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.CallerScope.Role;

/**
 * Who may read and write the rows of one entity. repPath and teamPath are HQL expressions giving the rep
 * and the team a row belongs to (either may be null); reference data is read by everyone.
 */
public record RowAccess(String repPath, String teamPath, Set<Role> writers, boolean referenceData) {

    public static RowAccess reference() {
        return new RowAccess(null, null, EnumSet.of(Role.ADMIN), true);
    }

    public static RowAccess owned(String repPath, String teamPath, Role... writers) {
        return new RowAccess(repPath, teamPath, EnumSet.copyOf(Set.of(writers)), false);
    }

    /** An HQL condition restricting rows to the caller's scope, with its parameters; null when nothing is restricted. */
    public record Condition(String hql, Map<String, Object> parameters) {
    }

    public Condition readCondition(CallerScope scope) {
        if (referenceData || scope.seesEverything()) {
            return null;
        }
        if (scope.role() == Role.REP) {
            if (repPath != null) {
                return new Condition(repPath + " = :scopeRep", Map.of("scopeRep", scope.repId()));
            }
            return teamPath == null || scope.teamId() == null ? new Condition("1 = 0", Map.of())
                    : new Condition(teamPath + " = :scopeTeam", Map.of("scopeTeam", scope.teamId()));
        }
        if (scope.managedTeams().isEmpty()) {
            return new Condition("1 = 0", Map.of());
        }
        String byTeam = teamPath == null ? null : teamPath + " in :scopeTeams";
        String byRep = repPath == null ? null : repPath + " in (select r.id from SalesRep r where r.teamId in :scopeTeams)";
        String either = byTeam == null ? byRep : byRep == null ? byTeam : "(" + byTeam + " or " + byRep + ")";
        return new Condition(either == null ? "1 = 0" : either, Map.of("scopeTeams", scope.managedTeams()));
    }

    public void checkMayWrite(CallerScope scope) {
        if (!writers.contains(scope.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, switch (scope.role()) {
                case ANALYST -> "Analysts read; they do not change data";
                default -> "Your role may not change these records";
            });
        }
    }
}
