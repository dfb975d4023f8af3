package com.saleskpi.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** How failures of the database read as problems, whenever they strike (the faults a restart or a cut produces). */
class DatabaseErrorsTest {

    @Test
    void aResetOrClosedConnectionIsA503WithRetryAfter() {
        for (Throwable fault : List.of(new SocketException("Connection reset"), new ConnectException("Connection refused"),
                ClosedConnectionException.INSTANCE, new RuntimeException("wrapped", new SocketException("Broken pipe")),
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null))) {
            ProblemException problem = assertInstanceOf(ProblemException.class, DatabaseErrors.translate(fault), fault.toString());
            assertEquals(ProblemType.SERVICE_UNAVAILABLE, problem.type(), fault.toString());
            assertNotNull(problem.retryAfterSeconds(), fault.toString());
            assertTrue(DatabaseErrors.unavailable(fault), fault.toString());
        }
    }

    @Test
    void aFailureFollowedByAFailedRollbackIsReadByTheFailure() {
        // a batch that lost its connection, then the rollback that could not be sent on it
        Throwable fault = new CompositeException(new RuntimeException("batch", new SocketException("Connection reset")),
                new IllegalStateException("Transaction rollback failed"));
        ProblemException problem = assertInstanceOf(ProblemException.class, DatabaseErrors.translate(fault));
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, problem.type());
    }

    @Test
    void aRowThePolicyRefusesIsA403NamingTheRecord() {
        Throwable refused = new PgException("new row violates row-level security policy for table \"sales_order\"", "ERROR", "42501", null);
        ProblemException problem = assertInstanceOf(ProblemException.class, DatabaseErrors.translate(refused));
        assertEquals(ProblemType.FORBIDDEN, problem.type());
        assertTrue(problem.getMessage().contains("sales order"), problem.getMessage());
        assertFalse(DatabaseErrors.unavailable(refused));
    }

    @Test
    void onlyAServerThatWentAwayIsUnreachableNotABusyPool() {
        assertTrue(DatabaseErrors.unreachable(new ConnectException("Connection refused")));
        assertTrue(DatabaseErrors.unreachable(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertFalse(DatabaseErrors.unreachable(new io.vertx.core.VertxException("Timeout waiting for connection")));
        assertTrue(DatabaseErrors.unavailable(new io.vertx.core.VertxException("Timeout waiting for connection")));
    }
}
