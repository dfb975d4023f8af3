package com.saleskpi.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


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
            List<SqlConnectOptions> connectOptions = new ArrayList<>(input.pgConnectOptionsList());
            connectOptions.forEach(this::configure);
            return PgBuilder.pool().with(options).connectingTo(connectOptions).using(input.vertx()).build();
        }

        /** Connection settings of this pool beyond Quarkus's configuration: none by default. */
        void configure(SqlConnectOptions options) {
        }
    }

    /** The pool of CRUD, sync, import and health. */
    @Singleton
    public static class Primary extends Bounded {
        public Primary(DatabaseSettings settings) {
            super(settings.poolWaitQueue(), settings.poolConnectionTimeout());
        }
    }

    /**
     * The pool of KPI statements. Their text is some 2 to 6 KB, beyond the client's default limit (2,048 characters) for
     * keeping a statement prepared: each was parsed anew on every request. Kept prepared, a statement is parsed once per
     * connection and still planned for each request's values (plan_cache_mode, application.properties): a dashboard's
     * PostgreSQL CPU went from 56-66 to 50-59 ms at 100k deals.
     */
    @Singleton
    @ReactiveDataSource("replica")
    public static class Kpi extends Bounded {
        private final int statementSqlLimit;

        public Kpi(DatabaseSettings settings) {
            super(settings.kpiPool().waitQueue(), settings.kpiPool().connectionTimeout());
            this.statementSqlLimit = settings.kpiPool().preparedStatementSqlLimit();
        }

        @Override
        void configure(SqlConnectOptions options) {
            options.setPreparedStatementCacheSqlLimit(statementSqlLimit);
        }
    }
}
