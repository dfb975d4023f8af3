package com.saleskpi.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** The service's database beyond what Quarkus configures (application.properties, saleskpi.database.*). */
@ConfigMapping(prefix = "saleskpi.database")
public interface DatabaseSettings {

    /** Whether the database is created when it is missing (dev mode). */
    boolean createIfMissing();

    /** Requests that may wait for a connection of the primary pool (CRUD, sync, import, health); then 503. */
    int poolWaitQueue();

    /** How long a request waits for a connection of the primary pool. */
    Duration poolConnectionTimeout();

    /** The pool of KPI statements (the replica datasource). */
    KpiPool kpiPool();

    /** KPIs read from a replica (ReplicaReads). */
    Replica replica();

    interface KpiPool {
        /** KPI statements that may wait for a connection; then 503. */
        int waitQueue();

        /** How long a KPI statement waits for a connection. */
        Duration connectionTimeout();

        /** KPI statements up to this many characters stay prepared on their connection. */
        int preparedStatementSqlLimit();
    }

    interface Replica {
        /** How long a KPI request with a consistency token waits for the replica to replay it; then the primary answers. */
        Duration waitForReplay();

        /** How long a replica that cannot be reached is left for the primary. */
        Duration retryAfter();
    }
}
