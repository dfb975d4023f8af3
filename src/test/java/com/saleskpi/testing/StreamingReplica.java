package com.saleskpi.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real streaming replication for the tests that read KPIs from a replica: a primary of their own (initdb) and a hot
 * standby made from it with pg_basebackup -R, each on a free port and in a temporary directory, started before the
 * application and removed after it. The machine's own cluster allows no replication, hence a pair of their own.
 * PostgreSQL refuses to run as root: under root, every command runs as the postgres user. PG_BIN names the server's
 * binaries (PostgreSQL 15's by default).
 */
public class StreamingReplica implements QuarkusTestResourceLifecycleManager {

    private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static final String DATABASE = "saleskpi";
    private static Path directory;
    private static int primaryPort;
    private static int standbyPort;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("saleskpi-replication");
            if (runningAsRoot()) {
                run(List.of("chown", "postgres:postgres", directory.toString()));
            }
            primaryPort = freePort();
            standbyPort = freePort();
            asPostgres(BIN.resolve("initdb").toString(), "-D", dataOf("primary"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            configure("primary", primaryPort, "wal_level = replica", "max_wal_senders = 4", "hot_standby = on", "fsync = off",
                    "synchronous_commit = on", "max_connections = 60", "shared_buffers = 32MB");
            start("primary");
            execute(primaryPort, "postgres", "create database " + DATABASE);
            asPostgres(BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres",
                    "-D", dataOf("standby"), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync");
            // the copied settings are the primary's: the standby takes its own port (the last setting wins)
            configure("standby", standbyPort);
            start("standby");
        } catch (IOException e) {
            throw new IllegalStateException("The primary and standby pair cannot be set up", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE,
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE,
                "quarkus.datasource.replica.reactive.url", "postgresql://127.0.0.1:" + standbyPort + "/" + DATABASE,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        for (String server : List.of("standby", "primary")) {
            if (Files.exists(Path.of(dataOf(server), "postmaster.pid"))) {
                asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dataOf(server), "-m", "immediate", "-w", "stop");
            }
        }
        run(List.of("rm", "-rf", directory.toString()));
        directory = null;
    }

    /** Stops the standby (fast shutdown): its connections are closed, new ones refused. */
    public static void stopStandby() {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dataOf("standby"), "-m", "fast", "-w", "stop");
    }

    public static void startStandby() {
        start("standby");
    }

    /** Pauses the standby's replay of the WAL it receives, and waits until it is paused. */
    public static void pauseReplay() {
        onStandby("select pg_wal_replay_pause()");
        await(() -> "paused".equals(onStandby("select pg_get_wal_replay_pause_state()")), "replay paused");
    }

    public static void resumeReplay() {
        onStandby("select pg_wal_replay_resume()");
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    public static void awaitReplay() {
        String written = query(primaryPort, "select pg_current_wal_lsn()::text");
        await(() -> "t".equals(onStandby("select pg_last_wal_replay_lsn() >= '" + written + "'::pg_lsn")), "replay of " + written);
    }

    /** The first column of the first row of a query on the standby, as text. */
    public static String onStandby(String sql) {
        return query(standbyPort, sql);
    }

    private static String query(int port, String sql) {
        try (Connection connection = DriverManager.getConnection(url(port, DATABASE), "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            String value = rows.getString(1);
            return value == null ? null : value.equals("true") ? "t" : value.equals("false") ? "f" : value;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on port " + port, e);
        }
    }

    private static void execute(int port, String database, String sql) {
        try (Connection connection = DriverManager.getConnection(url(port, database), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on port " + port, e);
        }
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited 30 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void start(String server) {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dataOf(server), "-l", directory.resolve(server + ".log").toString(), "-w",
                "-t", "60", "start");
    }

    private static void configure(String server, int port, String... settings) throws IOException {
        List<String> lines = new ArrayList<>(List.of("", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + directory + "'"));
        lines.addAll(List.of(settings));
        Path conf = Path.of(dataOf(server), "postgresql.conf");
        if (runningAsRoot()) {
            // the file is the postgres user's: appended through a command of theirs
            asPostgres("sh", "-c", "cat >> " + conf + " <<'EOF'\n" + String.join("\n", lines) + "\nEOF");
        } else {
            Files.write(conf, lines, StandardOpenOption.APPEND);
        }
    }

    private static String dataOf(String server) {
        return directory.resolve(server).toString();
    }

    private static void asPostgres(String... command) {
        List<String> line = new ArrayList<>();
        if (runningAsRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
