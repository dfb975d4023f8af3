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

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Brings the database to the current schema before the service takes traffic:
 * creates it when asked to (dev mode on a bare PostgreSQL), then runs the Flyway migrations.
 */
@Singleton
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);

    private final Flyway flyway;
    private final boolean createIfMissing;
    private final String jdbcUrl;
    private final String user;
    private final Optional<String> password;

    public DatabaseBootstrap(Flyway flyway,
            @ConfigProperty(name = "saleskpi.database.create-if-missing") boolean createIfMissing,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.flyway = flyway;
        this.createIfMissing = createIfMissing;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (createIfMissing) {
            createDatabaseIfMissing();
        }
        var result = flyway.migrate();
        LOG.infof("Database schema at version %s (%d migrations applied now)",
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), result.migrationsExecuted);
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
