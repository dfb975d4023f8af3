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
            default -> new ProblemException(ProblemType.VALIDATION_FAILED,
                    "The record breaks the rule '" + v.getConstraintName() + "'");
        }).orElse(failure);
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
