package com.saleskpi.security;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Resolves the caller's scope from the token: its role and, for reps and managers, their rep and teams. */
@ApplicationScoped
public class CallerScopes {

    private static final String REP_AND_TEAMS = """
            with recursive me as (select id, team_id from sales_rep where external_id = $1),
            managed(id) as (select t.id from team t join me on t.manager_id = me.id
                            union select c.id from team c join managed m on c.parent_id = m.id)
            select (select id from me), (select team_id from me), array(select id from managed),
                   array(select r.id from sales_rep r where r.team_id in (select id from managed))""";

    private final SecurityIdentity identity;
    private final Pool pool;
    private final String repClaim;

    public CallerScopes(SecurityIdentity identity, Pool pool, @ConfigProperty(name = "saleskpi.security.rep-claim") String repClaim) {
        this.identity = identity;
        this.pool = pool;
        this.repClaim = repClaim;
    }

    public Uni<CallerScope> current() {
        CallerScope.Role role = role();
        if (role == CallerScope.Role.ADMIN || role == CallerScope.Role.ANALYST) {
            return Uni.createFrom().item(new CallerScope(role, null, null, List.of(), List.of()));
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(repClaim) : null;
        if (claim == null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "The token has no '" + repClaim + "' claim to identify your sales rep"));
        }
        return pool.preparedQuery(REP_AND_TEAMS).execute(Tuple.of(claim.toString())).map(rows -> {
            Row row = rows.iterator().next();
            UUID rep = row.getUUID(0);
            if (rep == null) {
                throw new ProblemException(ProblemType.FORBIDDEN, "No sales rep is linked to your identity");
            }
            return new CallerScope(role, rep, row.getUUID(1), list(row.getArrayOfUUIDs(2)), list(row.getArrayOfUUIDs(3)));
        });
    }

    private static List<UUID> list(UUID[] ids) {
        return ids == null ? List.of() : Arrays.asList(ids);
    }

    private CallerScope.Role role() {
        for (int i = 0; i < CallerScope.Role.NAMES.size(); i++) {
            if (identity.hasRole(CallerScope.Role.NAMES.get(i))) {
                return List.of(CallerScope.Role.ADMIN, CallerScope.Role.ANALYST, CallerScope.Role.MANAGER, CallerScope.Role.REP).get(i);
            }
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Your roles give no access to sales data");
    }
}
