package com.saleskpi.database;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.saleskpi.common.problem.DatabaseErrors;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

/**
 * Where KPI statements read: the replica datasource (DB_REPLICA_URL; the primary's own KPI pool when unset).
 * <ul>
 * <li>A request carrying a consistency token ({@link ConsistencyTokens}) reads the replica once it has replayed the
 * token's position, waiting at most saleskpi.database.replica.wait-for-replay, and the primary after that: a caller always sees their
 * own writes.</li>
 * <li>A replica that cannot be reached is left for the primary (no 5xx), and tried again after
 * saleskpi.database.replica.retry-after: reads go back to it once it answers.</li>
 * </ul>
 */
@Singleton
public class ReplicaReads {

    private static final Logger LOG = Logger.getLogger(ReplicaReads.class);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String ROUTE = "saleskpi.route";

    private final Pool replica;
    private final Pool primary;
    /** Whether the replica is another server than the primary: only then may it lag, or be down alone. */
    private final boolean separate;
    private final Duration replicaWait;
    private final Duration retryAfter;
    private final MeterRegistry metrics;
    /** Until when (System.nanoTime) the replica is left for the primary; compared by difference, as nanoTime may be negative. */
    private volatile long replicaDownUntil = System.nanoTime();

    public ReplicaReads(@ReactiveDataSource("replica") Pool replica, Pool primary, MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String primaryUrl,
            @ConfigProperty(name = "quarkus.datasource.replica.reactive.url") String replicaUrl, DatabaseSettings settings) {
        this.replica = replica;
        this.primary = primary;
        this.metrics = metrics;
        this.separate = !primaryUrl.equals(replicaUrl);
        this.replicaWait = settings.replica().waitForReplay();
        this.retryAfter = settings.replica().retryAfter();
    }

    /**
     * The reads of one KPI request, with the consistency token of the request being handled (read now, on its context):
     * one route per request, so that every statement of it (the KPI cache's read of the data versions included) reads
     * the same server.
     */
    public Route route() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return new Route(ConsistencyTokens.current());
        }
        return ContextLocals.<Route>get(ROUTE).orElseGet(() -> {
            Route route = new Route(ConsistencyTokens.current());
            ContextLocals.put(ROUTE, route);
            return route;
        });
    }

    /** Where the statements of one request read: chosen once, for all of them. */
    public final class Route {
        private final Uni<Pool> pool;

        private Route(String token) {
            this.pool = chosen(token).memoize().indefinitely();
        }

        /** Runs a statement where the route reads; on the primary when the replica turns out to be unreachable. */
        public <T> Uni<T> read(Function<Pool, Uni<T>> statement) {
            return pool.chain(chosen -> chosen == primary ? statement.apply(primary)
                    : statement.apply(chosen).onFailure(DatabaseErrors::unreachable).recoverWithUni(failure -> {
                        replicaDown(failure);
                        return statement.apply(primary);
                    }));
        }
    }

    private Uni<Pool> chosen(String token) {
        if (!separate) {
            return Uni.createFrom().item(replica);
        }
        if (System.nanoTime() - replicaDownUntil < 0) {
            return Uni.createFrom().item(primary);
        }
        if (token == null) {
            return Uni.createFrom().item(replica);
        }
        long start = System.nanoTime();
        return replayed(token, start + replicaWait.toNanos()).invoke(pool -> metrics.timer("saleskpi.kpi.replica.wait",
                "answered", pool == replica ? "replica" : "primary").record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** The replica once it has replayed the position, else (past the deadline, or unreachable) the primary. */
    private Uni<Pool> replayed(String token, long deadline) {
        // a server that is not a standby is never behind
        return PooledStatements.execute(replica, "select not pg_is_in_recovery() or pg_last_wal_replay_lsn() >= $1::pg_lsn", Tuple.of(token))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(caughtUp -> caughtUp ? Uni.createFrom().item(replica)
                        : System.nanoTime() >= deadline ? Uni.createFrom().item(primary)
                        : Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> replayed(token, deadline)))
                .onFailure(DatabaseErrors::unreachable).recoverWithItem(failure -> {
                    replicaDown(failure);
                    return primary;
                });
    }

    private void replicaDown(Throwable failure) {
        if (System.nanoTime() - replicaDownUntil >= 0) {
            LOG.warnf("The read replica cannot be reached (%s): KPIs read from the primary for %s", failure.toString(), retryAfter);
        }
        replicaDownUntil = System.nanoTime() + retryAfter.toNanos();
        metrics.counter("saleskpi.kpi.replica.fallbacks").increment();
    }
}
