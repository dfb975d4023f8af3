package com.saleskpi.common.crud;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.problem.ProblemException;

/** A validated "sort" parameter: one entity field, ascending or descending, ties broken by id. */
record SortOrder(String field, boolean descending) {

    static SortOrder parse(String sort, Set<String> allowed) {
        if (sort == null || sort.isBlank()) {
            return new SortOrder("id", false);
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        if (!field.equals("id") && !allowed.contains(field)) {
            throw ProblemException.invalidParameter("sort", "must be one of " + new TreeSet<>(withId(allowed))
                    + ", optionally prefixed with '-'");
        }
        return new SortOrder(field, descending);
    }

    private static Set<String> withId(Set<String> allowed) {
        Set<String> all = new TreeSet<>(allowed);
        all.add("id");
        return all;
    }

    /** The order in SQL over the columns that columns gives for each property. */
    String orderBy(java.util.function.Function<String, String> columns) {
        String direction = descending ? " desc" : " asc";
        String id = columns.apply("id") + direction;
        return field.equals("id") ? id : columns.apply(field) + direction + ", " + id;
    }

    /** The Java type of the sort field, from the entity's JSON properties (which are named as its fields). */
    Class<?> fieldType(Class<?> entityType, ObjectMapper mapper) {
        return mapper.getSerializationConfig().introspect(mapper.constructType(entityType)).findProperties().stream()
                .filter(property -> property.getName().equals(field))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Sortable field " + field + " is not a property of " + entityType))
                .getRawPrimaryType();
    }

    /** The row's sort value as a JSON literal, read back with {@link #parseValue}. */
    String valueOf(AuditedEntity row, ObjectMapper mapper) {
        return field.equals("id") ? null : mapper.valueToTree(row).get(field).toString();
    }

    Object parseValue(String json, Class<?> entityType, ObjectMapper mapper) {
        try {
            return mapper.readValue(json, fieldType(entityType, mapper));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor issued by this service");
        }
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + field;
    }
}
