package com.saleskpi.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.saleskpi.database.DataVersions;
import com.saleskpi.database.ReplicaReads;
import com.saleskpi.database.TablesRead;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * KPI answers kept while the data they were computed from stands: an answer is kept by what was asked (the request's
 * shape and the caller's scope) with the versions of the tables its statements read (TablesRead), and served while the
 * database still holds those versions. Each request reads the versions first, on the server its statements would read
 * (one small statement): a commit on any instance is seen by the next request on every instance, and what an answer
 * holds is never older than the versions it is kept under.
 *
 * Time moves answers too: "this quarter" ends, a state is taken at the end of today. An answer is kept within a quarter
 * of an hour of UTC (every time zone's day starts on such a boundary), so that no answer outlives the day it was
 * computed in. A re-evaluation after a commit (a subscription's, an alert's) uses the versions read after that commit
 * (DataVersions#carried) instead of reading them again. Bounded by saleskpi.kpi.cache.max-size (least recently used
 * out first); KPI_CACHE_ENABLED=false turns it off. Metrics: saleskpi_kpi_cache_total{result=hit|miss|stale} and cache_* {cache="kpi_answers"}.
 */
@Singleton
public class KpiCache {

    /** The longest an answer is kept: every time zone's days begin on such a boundary of UTC. */
    private static final Duration CLOCK_STEP = Duration.ofMinutes(15);
    private static final String STANDING = "saleskpi.kpi-cache.versions";

    private record Kept(Object answer, Map<String, Long> versions) {
    }

    private final boolean enabled;
    private final Cache<String, Kept> answers;
    private final DataVersions versions;
    private final ReplicaReads reads;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;
    private final java.util.concurrent.ConcurrentMap<String, Computing> computing = new java.util.concurrent.ConcurrentHashMap<>();

    KpiCache(KpiSettings settings, DataVersions versions, ReplicaReads reads, ObjectMapper json, MeterRegistry registry) {
        this.enabled = settings.cache().enabled();
        this.answers = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder().maximumSize(settings.cache().maxSize()).recordStats()
                .<String, Kept>build(), "kpi_answers");
        this.versions = versions;
        this.reads = reads;
        this.json = json;
        this.hits = registry.counter("saleskpi.kpi.cache", "result", "hit");
        this.misses = registry.counter("saleskpi.kpi.cache", "result", "miss");
        this.stale = registry.counter("saleskpi.kpi.cache", "result", "stale");
    }

    /**
     * The answer to a question (its kind, the caller's scope and every argument), from memory while the tables it read
     * stand, else computed and kept.
     */
    @SuppressWarnings("unchecked")
    <T> Uni<T> answer(Supplier<Uni<T>> compute, Object... question) {
        if (!enabled) {
            return Uni.createFrom().<T>deferred(compute::get);
        }
        String key = key(question);
        if (key == null) {
            return Uni.createFrom().<T>deferred(compute::get);
        }
        DataVersions.Versions carried = DataVersions.carried();
        return (carried != null ? Uni.createFrom().item(carried) : standing()).chain(now -> {
            Kept kept = answers.getIfPresent(key);
            if (kept != null && now.stand(kept.versions())) {
                hits.increment();
                return Uni.createFrom().item((T) kept.answer());
            }
            (kept == null ? misses : stale).increment();
            Computing mine = new Computing(now.byTable(), Uni.createFrom().<Object>deferred(() -> computeAndKeep(key, now, compute))
                    .memoize().indefinitely());
            Computing shared = computing.compute(key, (k, current) -> current != null && current.versions().equals(now.byTable()) ? current : mine);
            return (Uni<T>) (shared == mine ? mine.answer().onTermination().invoke(() -> computing.remove(key, mine)) : shared.answer());
        });
    }

    /**
     * The versions for the request being handled: read once for all its KPI answers (a GraphQL request's fields, read after
     * the request arrived, so that every one of them sees what was committed before it).
     */
    private Uni<DataVersions.Versions> standing() {
        if (!io.smallrye.common.vertx.VertxContext.isOnDuplicatedContext()) {
            return reads.route().read(versions::read);
        }
        return io.smallrye.common.vertx.ContextLocals.<Uni<DataVersions.Versions>>get(STANDING).orElseGet(() -> {
            Uni<DataVersions.Versions> read = reads.route().read(versions::read).memoize().indefinitely();
            io.smallrye.common.vertx.ContextLocals.put(STANDING, read);
            return read;
        });
    }

    /**
     * A computation under way, and the versions read before it began: a request that read the same versions (nothing
     * committed in between) waits for it instead of computing the same again, as every subscriber of a dashboard does
     * after a commit.
     */
    private record Computing(Map<String, Long> versions, Uni<Object> answer) {
    }

    private <T> Uni<T> computeAndKeep(String key, DataVersions.Versions now, Supplier<Uni<T>> compute) {
        TablesRead.Recording recording = TablesRead.start();
        return Uni.createFrom().<T>deferred(compute::get).onItem().invoke(answer -> {
            Set<String> read = recording.close();
            if (read != null) {
                answers.put(key, new Kept(answer, now.of(read)));
            }
        }).onFailure().invoke(recording::close);
    }

    /** The question as one string; null when an argument cannot be written (the computation then says what is wrong with it). */
    private String key(Object... question) {
        List<Object> parts = new ArrayList<>(Arrays.asList(question));
        parts.add(Instant.now(clock).getEpochSecond() / CLOCK_STEP.toSeconds());
        try {
            return json.writeValueAsString(parts);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
