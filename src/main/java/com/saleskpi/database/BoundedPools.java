package com.saleskpi.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

/**
 * Both connection pools wait a bounded time, in a bounded queue, for a connection: a request that finds its pool
 * exhausted gets 503 with Retry-After instead of waiting without end. KPI statements have a pool of their own (the
 * replica datasource), so that a flood of heavy dashboards takes only those connections and leaves CRUD, sync and
 * health answering.
 */
public final class BoundedPools {

    private BoundedPools() {
    }

    /** Creates a pool as Quarkus configured it, with a bounded wait queue and connection timeout. */
    abstract static class Bounded implements PgPoolCreator {
        private final int waitQueue;
        private final Duration connectionTimeout;

        Bounded(int waitQueue, Duration connectionTimeout) {
            this.waitQueue = waitQueue;
            this.connectionTimeout = connectionTimeout;
        }

        @Override
        public Pool create(Input input) {
            PoolOptions options = new PoolOptions(input.poolOptions()).setMaxWaitQueueSize(waitQueue)
                    .setConnectionTimeout((int) Math.max(1, connectionTimeout.toMillis()))
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
            return PgBuilder.pool().with(options).connectingTo(new ArrayList<SqlConnectOptions>(input.pgConnectOptionsList()))
                    .using(input.vertx()).build();
        }
    }

    /** The pool of CRUD, sync, import and health. */
    @Singleton
    public static class Primary extends Bounded {
        public Primary(@ConfigProperty(name = "saleskpi.database.pool-wait-queue") int waitQueue,
                @ConfigProperty(name = "saleskpi.database.pool-connection-timeout") Duration connectionTimeout) {
            super(waitQueue, connectionTimeout);
        }
    }

    /** The pool of KPI statements. */
    @Singleton
    @ReactiveDataSource("replica")
    public static class Kpi extends Bounded {
        public Kpi(@ConfigProperty(name = "saleskpi.kpi.pool-wait-queue") int waitQueue,
                @ConfigProperty(name = "saleskpi.kpi.pool-connection-timeout") Duration connectionTimeout) {
            super(waitQueue, connectionTimeout);
        }
    }
}
