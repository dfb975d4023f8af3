package com.saleskpi.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a database with the deterministic sales data set of db/generator/sales-data.sql.
 * The whole set is written in one transaction by set-based SQL inside PostgreSQL.
 */
public final class SalesDataGenerator {

    private static final String SCRIPT = "db/generator/sales-data.sql";

    private SalesDataGenerator() {
    }

    /**
     * @param opportunities how many deals; leads, accounts, orders, activities and the rest scale with it
     * @param seed random seed in [-1, 1]: the same seed and scale give the same data on the same day
     */
    public static void generate(Connection connection, int opportunities, double seed) throws SQLException {
        if (opportunities < 1 || seed < -1 || seed > 1) {
            throw new IllegalArgumentException("opportunities must be positive and seed within [-1, 1]");
        }
        String sql = script().replace("${scale}", Integer.toString(opportunities)).replace("${seed}", Double.toString(seed));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String script() {
        try (InputStream in = SalesDataGenerator.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + SCRIPT, e);
        }
    }
}
