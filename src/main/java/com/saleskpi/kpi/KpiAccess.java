package com.saleskpi.kpi;

import java.util.List;
import java.util.UUID;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.CallerScope.Role;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Narrows a KPI filter to the caller's scope, so that the scope becomes a predicate of every KPI statement:
 * a rep's KPIs are always filtered to their own rep, a manager's to the teams they manage. Naming a rep or
 * team outside that scope is refused (403), never silently emptied.
 */
final class KpiAccess {

    private final Pool pool;

    KpiAccess(Pool pool) {
        this.pool = pool;
    }

    /** The scope a request's statements read under, and its filter within that scope. */
    record Restricted(CallerScope scope, KpiFilter filter) {
    }

    /**
     * The filter narrowed to the caller's scope. A rep who names their own team and no rep, for totals (no breakdown) or a
     * ranking of its reps (a leaderboard: rankedOrTotal), reads as the team's manager would, for aggregates only: the
     * articles want teams to share where they stand, and no record of a peer is ever answered.
     */
    Uni<Restricted> restrict(CallerScope scope, KpiFilter requested, List<KpiDefinition> kpis, boolean rankedOrTotal) {
        if (scope.role() == Role.REP && rankedOrTotal && scope.teamId() != null && requested.repIds.isEmpty()
                && requested.teamIds.equals(List.of(scope.teamId()))) {
            return com.saleskpi.database.PooledStatements.execute(pool, "select coalesce(array_agg(id), '{}') from sales_rep where team_id = $1",
                    Tuple.of(scope.teamId())).map(rows -> new CallerScope(Role.MANAGER, scope.repId(), scope.teamId(),
                    List.of(scope.teamId()), List.of(rows.iterator().next().getArrayOfUUIDs(0))))
                    .chain(team -> restrict(team, requested, kpis).map(filter -> new Restricted(team, filter)));
        }
        return restrict(scope, requested, kpis).map(filter -> new Restricted(scope, filter));
    }

    Uni<KpiFilter> restrict(CallerScope scope, KpiFilter requested, List<KpiDefinition> kpis) {
        if (scope.seesEverything()) {
            return Uni.createFrom().item(requested);
        }
        Dimension kept = scope.role() == Role.REP ? Dimension.REP : Dimension.TEAM;
        List<String> unscoped = kpis.stream().filter(k -> !k.dimensions().contains(kept)).map(KpiDefinition::name).toList();
        if (!unscoped.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, unscoped + " are not kept per " + kept.name().toLowerCase()
                    + ", so your role cannot see them");
        }
        KpiFilter scoped = requested.copy();
        if (scope.role() == Role.REP) {
            if (requested.repIds.stream().anyMatch(rep -> !rep.equals(scope.repId()))) {
                throw outside("a rep other than yourself");
            }
            if (requested.teamIds.stream().anyMatch(team -> !team.equals(scope.teamId()))) {
                throw outside("a team other than your own");
            }
            scoped.repIds = List.of(scope.repId());
            return Uni.createFrom().item(scoped);
        }
        if (requested.teamIds.stream().anyMatch(team -> !scope.managedTeams().contains(team))) {
            throw outside("a team you do not manage");
        }
        if (requested.teamIds.isEmpty()) {
            scoped.teamIds = scope.managedTeams().isEmpty() ? List.of(new UUID(0, 0)) : scope.managedTeams();
        }
        if (requested.repIds.isEmpty()) {
            return Uni.createFrom().item(scoped);
        }
        return com.saleskpi.database.PooledStatements.execute(pool, "select count(*) from unnest($1::uuid[]) x where not exists"
                + " (select 1 from sales_rep r where r.id = x and r.team_id = any($2::uuid[]))",
                Tuple.of(requested.repIds.toArray(new UUID[0]), scope.managedTeams().toArray(new UUID[0])))
                .map(rows -> {
                    if (rows.iterator().next().getLong(0) > 0) {
                        throw outside("a rep outside the teams you manage");
                    }
                    return scoped;
                });
    }

    /**
     * The keys of a dimension's members the caller may see, by the rule restrict applies to their KPIs (a rep: their
     * own rep and team; a manager: the teams they manage and their reps); null for every member.
     */
    static List<String> visibleKeys(CallerScope scope, Dimension dimension) {
        if (scope.seesEverything() || (dimension != Dimension.TEAM && dimension != Dimension.REP)) {
            return null;
        }
        // a rep without a team sees no team
        java.util.stream.Stream<UUID> keys = scope.role() == Role.REP
                ? java.util.stream.Stream.ofNullable(dimension == Dimension.TEAM ? scope.teamId() : scope.repId())
                : (dimension == Dimension.TEAM ? scope.managedTeams() : scope.managedReps()).stream();
        return keys.map(UUID::toString).toList();
    }

    private static ProblemException outside(String what) {
        return new ProblemException(ProblemType.FORBIDDEN, "The filter names " + what);
    }
}
