package com.saleskpi.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One statement on a connection of a pool, taken as getConnection takes it. The pool's own query path
 * (pool.preparedQuery(...).execute) leaves its connection-timeout timer running when no connection can be made, and the
 * timer then fails the request a second time, which Vert.x reports as "Result is already complete"
 * (eclipse-vertx/vertx-sql-client#1706); getConnection's wait is bounded by the same timeout, without that timer.
 */
public final class PooledStatements {

    private PooledStatements() {
    }

    public static Uni<RowSet<Row>> execute(Pool pool, String sql, Tuple parameters) {
        TablesRead.note(sql);
        return pool.withConnection(connection -> connection.preparedQuery(sql).execute(parameters));
    }

    public static Uni<RowSet<Row>> execute(Pool pool, String sql) {
        TablesRead.note(sql);
        return pool.withConnection(connection -> connection.query(sql).execute());
    }
}
