package com.saleskpi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh PostgreSQL database for one test run on the local server (127.0.0.1:5432 unless
 * TEST_DB_HOST/TEST_DB_PORT/TEST_DB_USER say otherwise), dropped afterwards.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String HOST = env("TEST_DB_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_DB_PORT", "5432");
    private static final String USER = env("TEST_DB_USER", "postgres");
    private static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "saleskpi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + database);
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database,
                "quarkus.datasource.reactive.url", "postgresql://" + HOST + ":" + PORT + "/" + database,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed (is PostgreSQL running on " + HOST + ":" + PORT + "?)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
