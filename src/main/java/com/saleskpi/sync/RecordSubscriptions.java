package com.saleskpi.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.problem.GraphQLProblems;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.live.Subscriptions;
import com.saleskpi.security.CallerContexts;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * The sync feed, pushed (GraphQL over WebSocket): a field app subscribed to collections hears of every record of them it
 * may see that a commit created, changed or deleted, by the same access rules as GET /api/v1/sync/changes, and then
 * fetches what it needs.
 */
@GraphQLApi
@RolesAllowed({ "admin", "sales-manager", "sales-rep", "analyst" })
public class RecordSubscriptions {

    /** Deletions are read from the tombstones. */
    private static final String TOMBSTONES = "deleted_record";

    @Type("RecordChange")
    @Description("A record of a collection created or changed (UPSERT) or deleted (DELETE) by a commit")
    public record RecordChange(@NonNull String collection, @NonNull SyncFeedResource.ChangeKind kind, @NonNull UUID id,
            @NonNull @Description("When the record was changed, or deleted") Instant at) {
    }

    private final SyncFeedResource feed;
    private final CrudCollections collections;
    private final Subscriptions subscriptions;
    private final CallerContexts contexts;
    private final CurrentIdentityAssociation identities;

    public RecordSubscriptions(SyncFeedResource feed, CrudCollections collections, Subscriptions subscriptions, CallerContexts contexts,
            CurrentIdentityAssociation identities) {
        this.feed = feed;
        this.collections = collections;
        this.subscriptions = subscriptions;
        this.contexts = contexts;
        this.identities = identities;
    }

    @Subscription("recordChanged")
    @Description("The records of these collections (names as in the API paths: opportunities, activities...) that commits create,"
            + " change or delete from now on, those the caller may see; pushed in batches, one per commit")
    public Multi<List<@NonNull RecordChange>> recordChanged(@Name("collections") @NonNull List<@NonNull String> names) {
        Set<String> tables = new HashSet<>(Set.of(TOMBSTONES));
        for (String name : names) {
            var service = collections.find(name);
            if (service.isEmpty()) {
                return Multi.createFrom().failure(GraphQLProblems.of(ProblemException.invalidParameter("collections",
                        "has '" + name + "', which is no collection (" + String.join(", ", collections.names()) + ")")));
            }
            tables.add(service.get().table());
        }
        SecurityIdentity caller = identities.getIdentity();
        Changes changes = new Changes(Instant.now());
        return subscriptions.<List<RecordChange>>pushed(caller, changed -> changed.stream().anyMatch(tables::contains),
                change -> change.isEmpty() ? Uni.createFrom().item(List.of())
                        : contexts.as(caller, Subscriptions.after(change), () -> changes.since(names)))
                .filter(batch -> !batch.isEmpty());
    }

    /**
     * What one subscription has pushed: the feed is read from the last sync point (which looks back a margin for late
     * commits), so the changes already pushed are left out.
     */
    private final class Changes {
        private Instant since;
        private final Map<String, Instant> pushed = new LinkedHashMap<>();

        Changes(Instant start) {
            this.since = start;
        }

        Uni<List<RecordChange>> since(List<String> names) {
            return page(null, new ArrayList<>()).map(found -> {
                List<RecordChange> fresh = new ArrayList<>();
                for (SyncFeedResource.Change change : found) {
                    String key = change.collection() + ' ' + change.kind() + ' ' + change.id();
                    if (names.contains(change.collection()) && !change.at().equals(pushed.get(key))) {
                        pushed.put(key, change.at());
                        fresh.add(new RecordChange(change.collection(), change.kind(), change.id(), change.at()));
                    }
                }
                // what is older than the feed's look-back cannot come again
                Instant horizon = since.minus(SyncFeedResource.LATE_COMMIT_MARGIN);
                pushed.values().removeIf(at -> at.isBefore(horizon));
                return fresh;
            });
        }

        private Uni<List<SyncFeedResource.Change>> page(String cursor, List<SyncFeedResource.Change> all) {
            return feed.changes(since, cursor, 500).chain(page -> {
                all.addAll(page.items());
                if (page.nextCursor() != null) {
                    return page(page.nextCursor(), all);
                }
                since = page.nextSince();
                return Uni.createFrom().item(all);
            });
        }
    }
}
