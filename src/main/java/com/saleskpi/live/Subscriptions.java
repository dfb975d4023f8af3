package com.saleskpi.live;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.saleskpi.common.problem.GraphQLProblems;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.database.DataVersions;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * What every GraphQL subscription shares: answers driven by the commits (DataVersions#changes), the caller's count of
 * open subscriptions held to saleskpi.live.subscriptions-per-caller, failures as GraphQL errors with codes.
 */
@Singleton
public class Subscriptions {

    private final DataVersions versions;
    private final int perCaller;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public Subscriptions(DataVersions versions, @ConfigProperty(name = "saleskpi.live.subscriptions-per-caller") int perCaller) {
        this.versions = versions;
        this.perCaller = perCaller;
    }

    /**
     * The answer on subscribe (given no change), then after every commit that wrote a table it concerns (the latest one
     * when they come faster than answers), each answer that differs from the one before it.
     */
    public <T> Multi<T> pushed(SecurityIdentity caller, Predicate<Set<String>> concerns, Function<Optional<DataVersions.Change>, Uni<T>> answer) {
        AtomicInteger count = open.computeIfAbsent(caller.getPrincipal().getName(), name -> new AtomicInteger());
        if (count.incrementAndGet() > perCaller) {
            count.decrementAndGet();
            return Multi.createFrom().failure(GraphQLProblems.of(new ProblemException(ProblemType.RATE_LIMITED,
                    "At most " + perCaller + " subscriptions per caller (SUBSCRIPTIONS_PER_CALLER): end one to open another")));
        }
        Multi<Optional<DataVersions.Change>> commits = versions.changes().filter(change -> concerns.test(change.tables()))
                .map(Optional::of).onOverflow().dropPreviousItems();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Optional.<DataVersions.Change>empty()), commits)
                .onItem().<T>transformToUniAndConcatenate(answer::apply)
                .skip().repetitions()
                .onFailure().transform(GraphQLProblems::of)
                .onTermination().invoke(count::decrementAndGet);
    }

    /** The versions read after a change (what an answer to it must include), or null on subscribe. */
    public static DataVersions.Versions after(Optional<DataVersions.Change> change) {
        return change.map(DataVersions.Change::versions).orElse(null);
    }
}
