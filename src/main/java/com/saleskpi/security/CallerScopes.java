package com.saleskpi.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Resolves the caller's scope from the token: its role and, for reps and managers, their rep and teams.
 *
 * A rep's or manager's scope is kept by role and rep claim: looking it up was a statement and a round trip on every
 * request (a rep's GET by id ran at a third of an analyst's). It is dropped whenever it may have changed: at once
 * when a write request of this instance answers (before its headers leave, so that no later request of its client finds
 * the old scope), and on every other instance when PostgreSQL reports a change of sales_rep or team (NOTIFY from their
 * triggers, R__notifications.sql). While that report cannot arrive (the listening connection is down), nothing
 * is kept; the time to live bounds what a report lost otherwise would leave.
 */
@ApplicationScoped
public class CallerScopes {

    private static final Logger LOG = Logger.getLogger(CallerScopes.class);
    /** The channel the triggers of sales_rep and team notify. */
    static final String CHANGES = "saleskpi_scopes";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private static final String REP_AND_TEAMS = """
            with recursive me as (select id, team_id from sales_rep where external_id = $1),
            managed(id) as (select t.id from team t join me on t.manager_id = me.id
                            union select c.id from team c join managed m on c.parent_id = m.id)
            select (select id from me), (select team_id from me), array(select id from managed),
                   array(select r.id from sales_rep r where r.team_id in (select id from managed))""";

    private final SecurityIdentity identity;
    private final Pool pool;
    private final String repClaim;
    private final Cache<String, CallerScope> known;
    private final boolean keeping;
    /** Counts the changes heard of: a scope looked up while one came in is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean listening;
    private PgSubscriber subscriber;

    public CallerScopes(SecurityIdentity identity, Pool pool, MeterRegistry registry, SecuritySettings settings) {
        this.identity = identity;
        this.pool = pool;
        this.repClaim = settings.repClaim();
        long maxSize = settings.scopes().maxSize();
        Duration timeToLive = settings.scopes().timeToLive();
        this.keeping = !timeToLive.isZero();
        this.known = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(timeToLive)
                .recordStats().<String, CallerScope>build(), "caller_scopes");
    }

    void listen(@Observes StartupEvent event, Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (!keeping) {
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse("")))
                .reconnectPolicy(attempt -> 1000L);
        subscriber.channel(CHANGES).subscribeHandler(listened -> {
            // what changed while nobody listened is unknown
            forget();
            listening = true;
        }).handler(payload -> forget());
        subscriber.closeHandler(closed -> listening = false);
        subscriber.connect().onFailure(failure -> LOG.warnf("Caller scopes are looked up on every request until the database"
                + " can report changes of reps and teams (%s)", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            listening = false;
            subscriber.close();
        }
    }

    /** A write request answered by this instance drops every kept scope before its answer leaves. */
    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 3).handler(context -> {
            if (keeping && !READS.contains(context.request().method().name())) {
                context.addHeadersEndHandler(ignored -> forget());
            }
            context.next();
        });
    }

    /**
     * Whether a change would be heard of now: subscribed, and not between a lost connection and the next one (after which
     * the subscription forgets everything, since what changed meanwhile is unknown).
     */
    private boolean listening() {
        return listening && subscriber.actualConnection() != null;
    }

    /** Drops every kept scope (a rep, a team or a manager may have changed). */
    void forget() {
        changes.incrementAndGet();
        known.invalidateAll();
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
        String key = role.name() + ' ' + claim;
        CallerScope kept = listening() ? known.getIfPresent(key) : null;
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        long heard = changes.get();
        return com.saleskpi.database.PooledStatements.execute(pool, REP_AND_TEAMS, Tuple.of(claim.toString())).map(rows -> {
            Row row = rows.iterator().next();
            UUID rep = row.getUUID(0);
            if (rep == null) {
                throw new ProblemException(ProblemType.FORBIDDEN, "No sales rep is linked to your identity");
            }
            CallerScope scope = new CallerScope(role, rep, row.getUUID(1), list(row.getArrayOfUUIDs(2)), list(row.getArrayOfUUIDs(3)));
            if (listening()) {
                known.put(key, scope);
                // a change heard of since the lookup began may not be in it: put, then check, so that forget() in between wins
                if (changes.get() != heard) {
                    known.invalidate(key);
                }
            }
            return scope;
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
