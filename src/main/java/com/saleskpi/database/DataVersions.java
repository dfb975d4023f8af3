package com.saleskpi.database;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The versions of the data, table by table, as the triggers of R__data_versions.sql keep them: a commit that wrote a
 * table raises its version, visible in the same snapshot as what it wrote.
 *
 * Every instance learns of each commit's tables: PostgreSQL notifies saleskpi_data at commit, and the versions are also
 * read every saleskpi.live.poll-interval, which is how changes arrive where LISTEN is not carried (behind a
 * transaction-pooling proxy) or while the listening connection is down. Either way a change is one read of the versions
 * compared with the last: {@link #changes()} emits the tables whose versions moved, with the primary's WAL position at
 * that read (a consistency token: what is read at it includes the commits).
 */
@Singleton
public class DataVersions {

    private static final Logger LOG = Logger.getLogger(DataVersions.class);
    static final String CHANNEL = "saleskpi_data";
    private static final String VERSIONS = "select table_name, sum(version)::bigint from data_version group by table_name";
    private static final String VERSIONS_AND_POSITION = """
            select coalesce((select jsonb_object_agg(table_name, version) from (select table_name, sum(version)::bigint as version
                             from data_version group by table_name) v), '{}')::text, pg_current_wal_lsn()::text""";
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Versions by table (a table never written is at 0), and the primary's WAL position when they were read (or null). */
    public record Versions(Map<String, Long> byTable, String position) {

        public long of(String table) {
            return byTable.getOrDefault(table, 0L);
        }

        /** The versions of these tables alone. */
        public Map<String, Long> of(Set<String> tables) {
            Map<String, Long> versions = new HashMap<>();
            tables.forEach(table -> versions.put(table, of(table)));
            return versions;
        }

        /** Whether each table stands at the version given. */
        public boolean stand(Map<String, Long> versions) {
            for (Map.Entry<String, Long> version : versions.entrySet()) {
                if (of(version.getKey()) != version.getValue()) {
                    return false;
                }
            }
            return true;
        }

        Set<String> movedSince(Versions earlier) {
            Set<String> moved = new HashSet<>();
            byTable.forEach((table, version) -> {
                if (earlier.of(table) != version) {
                    moved.add(table);
                }
            });
            return moved;
        }
    }

    /** Tables whose versions moved, and the versions read then. */
    public record Change(Set<String> tables, Versions versions) {
    }

    private final Pool primary;
    private final Duration pollInterval;
    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    /** Reads the versions and emits what moved; signals during a read cause one more read after it. */
    private final Coalesced reading = new Coalesced(this::emitMoved,
            failure -> LOG.debugf("The data versions could not be read: %s", failure.getMessage()));
    private volatile Versions last;
    private PgSubscriber subscriber;

    public DataVersions(Pool primary, @ConfigProperty(name = "saleskpi.live.poll-interval") Duration pollInterval) {
        this.primary = primary;
        this.pollInterval = pollInterval;
    }

    /**
     * The versions as a pool reads them now: by a read that begins after this call. Callers at once share one read (a
     * read under way when they call is not theirs, it may have begun before a commit they saw: they share the next
     * one), so that a burst of requests, 500 subscribers after a commit, is one statement, not a queue for connections.
     */
    public Uni<Versions> read(Pool pool) {
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Versions> shared = Uni.createFrom().completionStage(reads.computeIfAbsent(pool, ReadsOf::new).next());
        // each caller goes on on its own context (its request's), not the one the read answered on
        return caller == null ? shared : shared.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** The reads of one pool: one under way at most, and the next one, which whoever calls meanwhile shares. */
    private final class ReadsOf {
        private final Pool pool;
        private java.util.concurrent.CompletableFuture<Versions> next;
        private boolean reading;

        ReadsOf(Pool pool) {
            this.pool = pool;
        }

        synchronized java.util.concurrent.CompletionStage<Versions> next() {
            if (next == null) {
                next = new java.util.concurrent.CompletableFuture<>();
            }
            java.util.concurrent.CompletionStage<Versions> mine = next;
            if (!reading) {
                begin();
            }
            return mine;
        }

        private void begin() {
            java.util.concurrent.CompletableFuture<Versions> batch = next;
            next = null;
            reading = true;
            readNow(pool).subscribe().with(batch::complete, batch::completeExceptionally);
            batch.whenComplete((versions, failure) -> {
                synchronized (this) {
                    reading = false;
                    if (next != null) {
                        begin();
                    }
                }
            });
        }
    }

    private static final String CARRIED = "saleskpi.data-versions";

    /**
     * Makes versions read after a commit those of the current duplicated context's reads (a re-evaluation after that
     * commit): read once for every subscriber, they are no older than what the commit wrote.
     */
    public static void carry(Versions versions) {
        io.smallrye.common.vertx.ContextLocals.put(CARRIED, versions);
    }

    /** The versions carried by the current context, if any. */
    public static Versions carried() {
        return io.smallrye.common.vertx.VertxContext.isOnDuplicatedContext()
                ? io.smallrye.common.vertx.ContextLocals.<Versions>get(CARRIED).orElse(null) : null;
    }

    private final java.util.Map<Pool, ReadsOf> reads = new java.util.concurrent.ConcurrentHashMap<>();

    /** Prepared (kept per connection): read before every cached answer, its planning would cost more than its execution. */
    private static Uni<Versions> readNow(Pool pool) {
        return PooledStatements.execute(pool, VERSIONS, Tuple.tuple()).map(rows -> {
            Map<String, Long> versions = new HashMap<>();
            for (Row row : rows) {
                versions.put(row.getString(0), row.getLong(1));
            }
            return new Versions(versions, null);
        });
    }

    /** The tables of each commit since subscribing (after the migrations ran: every table is versioned by then). */
    public Multi<Change> changes() {
        return changes;
    }

    /** The tables and functions statements may name, for TablesRead; then listening, and a first read of the versions. */
    void start(@Observes @Priority(10) StartupEvent event, Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        TablesRead.knownDependencies(dependencies());
        subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse("")))
                .reconnectPolicy(attempt -> 1000L);
        // whatever changed while nobody listened is found by the next read
        subscriber.channel(CHANNEL).subscribeHandler(subscribed -> check()).handler(table -> check());
        subscriber.connect().onFailure(failure -> LOG.infof("Changes of the data are found every %s (LISTEN is unavailable: %s)",
                pollInterval, failure.getMessage()));
        last = readWithPosition().await().atMost(Duration.ofSeconds(30));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
        changes.onComplete();
    }

    @Scheduled(every = "${saleskpi.live.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        check();
    }

    /** Rows of backends that are gone fold into one per table, so that data_version stays as small as the pools. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> compact() {
        return PooledStatements.execute(primary, "select compact_data_versions()").replaceWithVoid();
    }

    private void check() {
        if (last != null) {
            reading.signal();
        }
    }

    private Uni<Boolean> emitMoved() {
        return readWithPosition().map(now -> {
            Set<String> moved = now.movedSince(last);
            last = now;
            if (!moved.isEmpty()) {
                changes.onNext(new Change(Set.copyOf(moved), now));
            }
            return false;
        });
    }

    private Uni<Versions> readWithPosition() {
        return PooledStatements.execute(primary, VERSIONS_AND_POSITION, Tuple.tuple()).map(rows -> {
                    Row row = rows.iterator().next();
                    Map<String, Long> versions = new HashMap<>();
                    new io.vertx.core.json.JsonObject(row.getString(0)).forEach(e -> versions.put(e.getKey(), ((Number) e.getValue()).longValue()));
                    return new Versions(versions, row.getString(1));
                });
    }

    /**
     * For each word a statement may hold: a versioned table reads itself; a function of the schema reads the tables its
     * body names, and those of the functions it calls.
     */
    private Map<String, Set<String>> dependencies() {
        Set<String> tables = new HashSet<>();
        primary.query("select c.relname from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'data_version_bump'")
                .execute().await().atMost(Duration.ofSeconds(30)).forEach(row -> tables.add(row.getString(0)));
        Map<String, Set<String>> bodies = new HashMap<>();
        primary.query("select p.proname, p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()")
                .execute().await().atMost(Duration.ofSeconds(30))
                .forEach(row -> bodies.computeIfAbsent(row.getString(0), f -> new HashSet<>()).addAll(words(row.getString(1))));
        Map<String, Set<String>> byWord = new HashMap<>();
        tables.forEach(table -> byWord.put(table, Set.of(table)));
        bodies.keySet().forEach(function -> {
            Set<String> read = new HashSet<>();
            collect(function, bodies, tables, read, new HashSet<>());
            if (!read.isEmpty()) {
                byWord.put(function, read);
            }
        });
        return byWord;
    }

    private static void collect(String function, Map<String, Set<String>> bodies, Set<String> tables, Set<String> read, Set<String> seen) {
        if (!seen.add(function)) {
            return;
        }
        for (String word : bodies.get(function)) {
            if (tables.contains(word)) {
                read.add(word);
            } else if (bodies.containsKey(word)) {
                collect(word, bodies, tables, read, seen);
            }
        }
    }

    private static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        Matcher matcher = WORD.matcher(sql);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(java.util.Locale.ROOT));
        }
        return words;
    }
}
