package com.saleskpi.common.crud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the WHERE conditions of a list query. Field names come from code, never from the request;
 * every value is a bound parameter. Null values mean "no filter" and add nothing.
 */
public final class Criteria {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    public Criteria equal(String field, Object value) {
        if (value != null) {
            conditions.add(field + " = :" + bind(value));
        }
        return this;
    }

    public Criteria in(String field, Collection<?> values) {
        if (values != null && !values.isEmpty()) {
            conditions.add(field + " in :" + bind(values));
        }
        return this;
    }

    /** Inclusive range on both ends; either end may be open. */
    public Criteria between(String field, Object from, Object to) {
        if (from != null) {
            conditions.add(field + " >= :" + bind(from));
        }
        if (to != null) {
            conditions.add(field + " <= :" + bind(to));
        }
        return this;
    }

    /** Case-insensitive substring match; % and _ in the text match themselves, not any characters. */
    public Criteria contains(String field, String text) {
        if (text != null && !text.isBlank()) {
            String literal = text.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_");
            conditions.add("lower(" + field + ") like :" + bind("%" + literal + "%") + " escape '!'");
        }
        return this;
    }

    /** The caller's row scope; its parameter names (scope...) never collide with the bound values (p0, p1...). */
    public Criteria within(com.saleskpi.security.Ownership.Condition scope) {
        if (scope != null) {
            conditions.add("(" + scope.text() + ")");
            parameters.putAll(scope.parameters());
        }
        return this;
    }

    /** A fixed HQL condition without parameters, added when the caller decides it applies. */
    public Criteria holds(String hqlCondition) {
        conditions.add(hqlCondition);
        return this;
    }

    /** A condition written in HQL where '?' stands for the bound value, e.g. for a subquery. */
    public Criteria condition(String hqlWithPlaceholder, Object value) {
        if (value != null) {
            conditions.add(hqlWithPlaceholder.replace("?", ":" + bind(value)));
        }
        return this;
    }

    /** Keyset condition: rows strictly after the cursor position in the given order. */
    Criteria after(String field, boolean descending, Object value, Object id) {
        String op = descending ? "<" : ">";
        if ("id".equals(field)) {
            conditions.add("id " + op + " :" + bind(id));
        } else {
            String v = bind(value);
            conditions.add("(" + field + " " + op + " :" + v + " or (" + field + " = :" + v + " and id " + op + " :" + bind(id) + "))");
        }
        return this;
    }

    String whereClause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    private String bind(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return name;
    }
}
