package com.saleskpi.database;

import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.saleskpi.common.problem.HttpLayerProblems;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemType;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Read-your-writes on a read replica. Every successful write answers X-Consistency-Token: a WAL position of the primary
 * reached once the write committed. A request that sends it back (a KPI request, REST or GraphQL) is read from the
 * replica only once the replica has replayed that position ({@link ReplicaReads}); without one, it reads the replica as
 * it stands.
 */
@Singleton
public class ConsistencyTokens {

    public static final String HEADER = "X-Consistency-Token";
    /** A pg_lsn as PostgreSQL writes it. */
    private static final Pattern POSITION = Pattern.compile("[0-9A-F]{1,8}/[0-9A-F]{1,8}");
    /** The methods whose successful answers carry a token (the OpenAPI document promises it on them: ContractDetailsFilter). */
    public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String LOCAL = "saleskpi.consistency-token";

    private final Pool primary;
    private final HttpLayerProblems problems;

    public ConsistencyTokens(Pool primary, HttpLayerProblems problems) {
        this.primary = primary;
        this.problems = problems;
    }

    /** Reads the token a request carries (400 when it is not one) before any route handles the request. */
    void register(@Observes Router router) {
        // after the security filters (orders -300 to -100), before the routes of REST and GraphQL (order 0 and up)
        router.route().order(-2).handler(this::remember);
    }

    private void remember(RoutingContext context) {
        String token = context.request().getHeader(HEADER);
        if (token == null) {
            context.next();
            return;
        }
        String position = token.trim().toUpperCase(java.util.Locale.ROOT);
        if (!POSITION.matcher(position).matches()) {
            problems.send(context, Problem.of(ProblemType.INVALID_PARAMETER, HEADER + " must be a token a write answered, such as 0/16B3748",
                    context.normalizedPath(), java.util.List.of(new Problem.FieldError(HEADER, "is not a consistency token"))));
            return;
        }
        ContextLocals.put(LOCAL, position);
        context.next();
    }

    /** The token of the request being handled (on its own Vert.x context); null when it carries none, or off a request. */
    public static String current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<String>get(LOCAL).orElse(null) : null;
    }

    /** Makes a position the token of the current duplicated context (a re-evaluation that must include a commit). */
    public static void carry(String position) {
        ContextLocals.put(LOCAL, position);
    }

    /** A successful write's answer carries the primary's WAL position after its commit (the filter runs once it committed). */
    @ServerResponseFilter
    public Uni<Void> answerToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (!WRITES.contains(request.getMethod()) || response.getStatus() >= 300) {
            return Uni.createFrom().voidItem();
        }
        return PooledStatements.execute(primary, "select pg_current_wal_lsn()::text")
                .invoke(rows -> response.getHeaders().putSingle(HEADER, rows.iterator().next().getString(0)))
                // the write is done either way: an answer without a token only reads the replica as it stands
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
