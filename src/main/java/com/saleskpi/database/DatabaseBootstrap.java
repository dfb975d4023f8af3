package com.saleskpi.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Brings the database to the current schema before the service takes traffic:
 * creates it when asked to (dev mode on a bare PostgreSQL), runs the Flyway migrations and,
 * in dev mode, fills an empty database with the demo data set.
 */
@Singleton
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private static final double DEMO_SEED = 0.42;

    private final Flyway flyway;
    private final boolean createIfMissing;
    private final String jdbcUrl;
    private final String user;
    private final Optional<String> password;
    private final boolean demoData;
    private final int demoOpportunities;
    private final AgroalDataSource dataSource;

    public DatabaseBootstrap(Flyway flyway, DatabaseSettings settings, DemoDataSettings demo,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            AgroalDataSource dataSource) {
        this.flyway = flyway;
        this.createIfMissing = settings.createIfMissing();
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.demoData = demo.enabled();
        this.demoOpportunities = demo.opportunities();
        this.dataSource = dataSource;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (createIfMissing) {
            createDatabaseIfMissing();
        }
        var result = flyway.migrate();
        LOG.infof("Database schema at version %s (%d migrations applied now)",
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), result.migrationsExecuted);
        versionEveryTable();
        if (demoData) {
            loadDemoDataIntoEmptyDatabase();
        }
    }

    /** A table a migration added since the data version triggers were installed gets its own (R__data_versions.sql). */
    private void versionEveryTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select track_data_versions()");
        }
    }

    private void loadDemoDataIntoEmptyDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement check = connection.createStatement();
                    ResultSet rs = check.executeQuery("select exists (select 1 from team) or exists (select 1 from sales_rep)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    LOG.info("Demo data not loaded: the database already holds sales data");
                    return;
                }
            }
            long start = System.nanoTime();
            SalesDataGenerator.generate(connection, demoOpportunities, DEMO_SEED);
            LOG.infof("Loaded demo data (%d opportunities, seed %s) in %d ms", demoOpportunities, DEMO_SEED,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        JdbcUrl url = JdbcUrl.parse(jdbcUrl);
        try (Connection maintenance = DriverManager.getConnection(url.withDatabase("postgres"), user, password.orElse(""));
                PreparedStatement exists = maintenance.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, url.database());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("create database \"" + url.database().replace("\"", "\"\"") + "\"");
            }
            LOG.infof("Created database %s", url.database());
        }
    }
}
