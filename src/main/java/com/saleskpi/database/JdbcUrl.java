package com.saleskpi.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The database part of a PostgreSQL JDBC URL, so that the server's maintenance database can be reached beside it. */
record JdbcUrl(String prefix, String database, String suffix) {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]+)(\\?.*)?$");

    static JdbcUrl parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a database name: " + url);
        }
        return new JdbcUrl(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3));
    }

    String withDatabase(String other) {
        return prefix + other + suffix;
    }
}
