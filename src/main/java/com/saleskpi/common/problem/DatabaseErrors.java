package com.saleskpi.common.problem;

import java.util.List;
import java.util.Optional;

import io.vertx.pgclient.PgException;

/**
 * Turns PostgreSQL constraint violations into problems that name the API field at fault.
 * Constraint names follow PostgreSQL's defaults ({table}_{column}_fkey / _key), so the column,
 * and from it the JSON field, can be read back without exposing SQL to the client.
 */
public final class DatabaseErrors {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    private static final String NOT_NULL_VIOLATION = "23502";

    private DatabaseErrors() {
    }

    /** For inserts and updates: a dangling reference or broken rule is the client's input at fault. */
    public static Throwable onWrite(Throwable failure) {
        return pgCause(failure).<Throwable>map(pg -> switch (pg.getSqlState()) {
            case FOREIGN_KEY_VIOLATION -> {
                String field = fieldOf(pg.getTable(), pg.getConstraint(), "_fkey");
                yield ProblemException.invalidField(field, "refers to a record that does not exist");
            }
            case UNIQUE_VIOLATION -> {
                String field = fieldOf(pg.getTable(), pg.getConstraint(), "_key");
                yield new ProblemException(ProblemType.CONFLICT, "Another record already has this " + field,
                        List.of(new Problem.FieldError(field, "must be unique")));
            }
            case NOT_NULL_VIOLATION -> ProblemException.invalidField(camelCase(pg.getColumn()), "must not be null");
            case CHECK_VIOLATION -> new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The record breaks the rule '" + pg.getConstraint() + "'");
            default -> failure;
        }).orElse(failure);
    }

    /** For deletes: a foreign-key violation means other records still point at this one. */
    public static Throwable onDelete(Throwable failure) {
        return pgCause(failure)
                .filter(pg -> FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()))
                .<Throwable>map(pg -> new ProblemException(ProblemType.STILL_REFERENCED,
                        "The record is still referenced by " + pg.getTable().replace('_', ' ')
                                + " records; delete or re-point them first"))
                .orElse(failure);
    }

    private static Optional<PgException> pgCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.of(pg);
            }
        }
        return Optional.empty();
    }

    private static String fieldOf(String table, String constraint, String suffix) {
        String column = constraint;
        if (constraint != null && table != null && constraint.startsWith(table + "_") && constraint.endsWith(suffix)) {
            column = constraint.substring(table.length() + 1, constraint.length() - suffix.length());
        }
        return camelCase(column);
    }

    static String camelCase(String column) {
        if (column == null) {
            return "unknown";
        }
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
