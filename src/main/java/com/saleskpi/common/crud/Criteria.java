package com.saleskpi.common.crud;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.saleskpi.security.Ownership;

/**
 * Collects the WHERE conditions of a list query, in SQL over the entity's table. Conditions name entity properties,
 * which come from code, never from the request, and become their columns; every value is a bound parameter ($1, $2...).
 * Null values mean "no filter" and add nothing.
 */
public final class Criteria {

    private final Function<String, String> columns;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** Criteria over the columns that columns gives for each property. */
    Criteria(Function<String, String> columns) {
        this.columns = columns;
    }

    public Criteria equal(String field, Object value) {
        if (value != null) {
            conditions.add(columns.apply(field) + " = " + bind(value));
        }
        return this;
    }

    /** Inclusive range on both ends; either end may be open. */
    public Criteria between(String field, Object from, Object to) {
        if (from != null) {
            conditions.add(columns.apply(field) + " >= " + bind(from));
        }
        if (to != null) {
            conditions.add(columns.apply(field) + " <= " + bind(to));
        }
        return this;
    }

    /** Only values greater than this one. */
    public Criteria greaterThan(String field, Object value) {
        if (value != null) {
            conditions.add(columns.apply(field) + " > " + bind(value));
        }
        return this;
    }

    /** Case-insensitive substring match; % and _ in the text match themselves, not any characters. */
    public Criteria contains(String field, String text) {
        if (text != null && !text.isBlank()) {
            String literal = text.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_");
            conditions.add("lower(" + columns.apply(field) + ") like " + bind("%" + literal + "%") + " escape '!'");
        }
        return this;
    }

    /** Records whose field is empty (empty false: whose field is set); nothing when empty is null. */
    public Criteria empty(String field, Boolean empty) {
        if (empty != null) {
            conditions.add(columns.apply(field) + (empty ? " is null" : " is not null"));
        }
        return this;
    }

    /** Records whose id is among those a SQL subquery selects, '?' standing for the bound value; nothing when the value is null. */
    public Criteria idIn(String subqueryWithPlaceholder, Object value) {
        if (value != null) {
            conditions.add(columns.apply("id") + " in (" + subqueryWithPlaceholder.replace("?", bind(value)) + ")");
        }
        return this;
    }

    /** The caller's row scope, given the number its first parameter takes; nothing when the caller sees every record. */
    Criteria within(IntFunction<Ownership.Condition> scopeFrom) {
        Ownership.Condition scope = scopeFrom.apply(parameters.size() + 1);
        if (scope != null) {
            conditions.add("(" + scope.text() + ")");
            parameters.addAll(scope.parameters().values());
        }
        return this;
    }

    /**
     * Keyset condition: rows strictly after the cursor position in the given order, as one row comparison ("(column, id)
     * > (v, w)", not "column > v or (column = v and id > w)") that an index on the same columns starts at. A column the
     * caller's rule holds to one value leads it (a rep's rep column, equal on both sides): then only the index (rep
     * column, updated_at, id) fits, and a rep's page starts at its cursor in the rep's rows even where every row was
     * updated in the same instant (a bulk import) and the planner takes the cursor for the last row of all.
     */
    Criteria after(String field, boolean descending, Object value, Object id, Ownership.Pinned pinned) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (pinned != null) {
            keys.add(pinned.column());
            values.add(bind(pinned.value()));
        }
        if (!"id".equals(field)) {
            keys.add(columns.apply(field));
            values.add(bind(value));
        }
        keys.add(columns.apply("id"));
        values.add(bind(id));
        conditions.add("(" + String.join(", ", keys) + ")" + (descending ? " < " : " > ") + "(" + String.join(", ", values) + ")");
        return this;
    }

    String conditions() {
        return String.join(" and ", conditions);
    }

    List<Object> parameters() {
        return parameters;
    }

    /** A placeholder for the value, as the reactive client binds it (enums by name, instants with their offset). */
    private String bind(Object value) {
        parameters.add(value instanceof Enum<?> constant ? constant.name()
                : value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        return "$" + parameters.size();
    }
}
