package com.saleskpi.common.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Turns database constraint violations into problems that name the API field at fault.
 * Constraint names follow PostgreSQL's defaults ({table}_{column}_fkey / _key), so knowing the
 * tables a write touches is enough to read the column, and from it the JSON field, back.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * For inserts and updates: a dangling reference or taken key is the input at fault.
     * tables maps each table the write touches to the JSON path prefix of its fields ("" or "lines.").
     */
    public static Throwable onWrite(Throwable failure, Map<String, String> tables) {
        return violation(failure).<Throwable>map(v -> switch (v.getKind()) {
            case FOREIGN_KEY -> ProblemException.invalidField(fieldOf(v.getConstraintName(), "_fkey", tables),
                    "refers to a record that does not exist");
            case UNIQUE -> {
                String field = fieldOf(v.getConstraintName(), "_key", tables);
                yield new ProblemException(ProblemType.CONFLICT, "Another record already has this " + field,
                        List.of(new Problem.FieldError(field, "must be unique")));
            }
            case NOT_NULL -> new ProblemException(ProblemType.VALIDATION_FAILED, "A required field is missing");
            // a check named <table>_<column>_check is about that column's field
            case CHECK -> fieldOfCheck(v.getConstraintName(), tables)
                    .map(field -> ProblemException.invalidField(field, "breaks the rule " + v.getConstraintName()))
                    .orElseGet(() -> new ProblemException(ProblemType.VALIDATION_FAILED, "The record breaks the rule '" + v.getConstraintName() + "'"));
            default -> new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The record breaks the rule '" + v.getConstraintName() + "'");
        }).orElse(failure);
    }

    /**
     * For any failure that reached no other mapping: a constraint violation as on a write; a database that cannot be
     * reached, is restarting or is busy as 503 with Retry-After; a lock wait over lock_timeout as 503; a statement over
     * statement_timeout as 504; a value the database cannot hold as 422. Anything else is left as it is (a 500).
     */
    public static Throwable translate(Throwable failure) {
        if (failure instanceof io.smallrye.mutiny.CompositeException composite) {
            // a failure and what failed after it (a rollback on the lost connection): the first one that means something
            return composite.getCauses().stream().map(DatabaseErrors::translate).filter(ProblemException.class::isInstance)
                    .findFirst().orElse(failure);
        }
        Throwable onWrite = onWrite(failure, Map.of());
        if (onWrite != failure) {
            return onWrite;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
            String state = sqlState(t);
            if (MISSING_EXCHANGE_RATE.equals(state) && t instanceof io.vertx.pgclient.PgException pg) {
                return missingExchangeRate(pg.getDetail(), pg.getHint());
            }
            if (POLICY_REFUSED.equals(state)) {
                return policyRefused(t.getMessage());
            }
            if (state != null) {
                return fromSqlState(state).orElse(failure);
            }
            if (t instanceof java.net.ConnectException || t instanceof io.netty.channel.ConnectTimeoutException || closedUnderUs(t)) {
                return unavailable();
            }
            if (isPoolTimeout(t)) {
                return ProblemException.retryLater(ProblemType.SERVICE_UNAVAILABLE,
                        "The service is at capacity just now (every database connection is busy); retry shortly", 1);
            }
        }
        return failure;
    }

    private static java.util.Optional<Throwable> fromSqlState(String state) {
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("40001") || state.equals("40P01")) {
            return Optional.of(unavailable());
        }
        if (state.equals("55P03")) {
            return Optional.of(ProblemException.retryLater(ProblemType.SERVICE_UNAVAILABLE,
                    "The records this request needs are being changed by another request; retry shortly", 1));
        }
        if (state.equals("57014")) {
            return Optional.of(ProblemException.retryLater(ProblemType.TIMEOUT,
                    "The request took longer than the database allows one statement to run; narrow it (period, filters) or retry later", 5));
        }
        if (state.startsWith("22")) {
            return Optional.of(new ProblemException(ProblemType.VALIDATION_FAILED, "A value is outside what the service can store"));
        }
        return Optional.empty();
    }

    /**
     * Whether the failure is the database's being out of reach (lost or refused connections, a restart, a busy pool):
     * what a retry can overcome, and what no row of an import is at fault for.
     */
    public static boolean unavailable(Throwable failure) {
        return translate(failure) instanceof ProblemException problem && problem.type() == ProblemType.SERVICE_UNAVAILABLE;
    }

    /**
     * Whether the server could not be reached or went away under the statement (refused or lost connections, a
     * shutdown, a restart): what another server may answer instead. A busy pool is not: the server is there.
     */
    public static boolean unreachable(Throwable failure) {
        if (connectionLost(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (t instanceof java.net.ConnectException || t instanceof io.netty.channel.ConnectTimeoutException
                    || state != null && state.startsWith("57P0")) {
                return true;
            }
        }
        return false;
    }

    /** A row-level security policy refused a row (insufficient_privilege). */
    private static final String POLICY_REFUSED = "42501";

    /**
     * The database's own wall refused a row that the service's check let through: the service's check is meant to
     * refuse first (AccessRules#checkAdmitted), so this is logged, and the caller gets the 403 the check would have given.
     */
    private static ProblemException policyRefused(String message) {
        java.util.regex.Matcher table = java.util.regex.Pattern.compile("for table \"(\\w+)\"").matcher(String.valueOf(message));
        String record = table.find() ? table.group(1).replace('_', ' ') : "record";
        org.jboss.logging.Logger.getLogger(DatabaseErrors.class).warnf("Row-level security refused a row the service admitted: %s", message);
        return new ProblemException(ProblemType.FORBIDDEN, "The " + record + " would belong to a rep or team outside your scope");
    }

    /** Raised by missing_exchange_rate (V8) with the currency as detail and the day as hint. */
    private static final String MISSING_EXCHANGE_RATE = "SKX01";

    /** A money KPI met a record whose currency has no rate on or before the day that converts it. */
    private static ProblemException missingExchangeRate(String currency, String day) {
        return new ProblemException(ProblemType.MISSING_EXCHANGE_RATE, "No exchange rate for " + currency + " on or before " + day
                + ": money KPIs convert every amount, so add the rate (POST /api/v1/exchange-rates) and ask again",
                List.of(new Problem.FieldError("currency", currency + " has no rate on or before " + day)));
    }

    private static ProblemException unavailable() {
        return ProblemException.retryLater(ProblemType.SERVICE_UNAVAILABLE, "The database cannot be reached just now; retry shortly", 2);
    }

    /**
     * A request that waited longer than the pool's connection timeout, or found the pool's wait queue full. The SQL
     * client reports the timeout as a bare VertxException; its message is all that tells it apart.
     */
    private static boolean isPoolTimeout(Throwable t) {
        return t instanceof java.util.concurrent.TimeoutException || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                || (t instanceof io.vertx.core.VertxException && "Timeout waiting for connection".equals(t.getMessage()));
    }

    /**
     * Whether the connection broke under the statement (closed by the server, a restart, a network cut): a read that
     * failed so can be run again on another connection.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (closedUnderUs(t) || (state != null && (state.startsWith("08") || state.equals("57P01")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection was closed or reset while in use (by the server, a restart, a network cut): "Connection reset" and
     * "Broken pipe" are SocketExceptions, or Netty's native IOExceptions ("Connection reset by peer"); a refused
     * connection (ConnectException) was never in use. A statement sent on a
     * connection that closed a moment before fails with Vert.x's "Connection is not active now" (a NoStackTraceThrowable,
     * known by its message alone).
     */
    private static boolean closedUnderUs(Throwable t) {
        return t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.nio.channels.ClosedChannelException
                || t instanceof java.net.SocketException && !(t instanceof java.net.ConnectException)
                || t instanceof java.io.IOException && t.getClass().getName().startsWith("io.netty.")
                || t instanceof io.vertx.core.impl.NoStackTraceThrowable && t.getMessage() != null
                        && t.getMessage().startsWith("Connection is not active now");
    }

    private static String sqlState(Throwable t) {
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
            return jdbc.getSQLState();
        }
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState();
        }
        return null;
    }

    /** For deletes: a foreign-key violation means other records still point at this one. */
    public static Throwable onDelete(Throwable failure) {
        return violation(failure)
                .filter(v -> v.getKind() == ConstraintViolationException.ConstraintKind.FOREIGN_KEY)
                .<Throwable>map(v -> new ProblemException(ProblemType.STILL_REFERENCED,
                        "Other records still refer to this one; delete or re-point them first"))
                .orElse(failure);
    }

    private static Optional<ConstraintViolationException> violation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return Optional.of(violation);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldOfCheck(String constraint, Map<String, String> tables) {
        return constraint.endsWith("_check") && tables.keySet().stream().anyMatch(table -> constraint.startsWith(table + "_")
                && constraint.length() > table.length() + "_check".length() + 1)
                ? Optional.of(fieldOf(constraint, "_check", tables)) : Optional.empty();
    }

    private static String fieldOf(String constraint, String suffix, Map<String, String> tables) {
        String column = constraint.endsWith(suffix) ? constraint.substring(0, constraint.length() - suffix.length()) : constraint;
        return tables.keySet().stream().filter(table -> column.startsWith(table + "_"))
                .max(Comparator.comparingInt(String::length))
                .map(table -> tables.get(table) + camelCase(column.substring(table.length() + 1)))
                .orElse(camelCase(column));
    }

    static String camelCase(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
