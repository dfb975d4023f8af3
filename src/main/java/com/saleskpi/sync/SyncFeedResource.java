package com.saleskpi.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.Criteria;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.crud.ListQuery;
import com.saleskpi.common.crud.OpaqueCursors;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.CallerScopes;
import com.saleskpi.security.Ownership;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * One paged stream for a field app's sync: every record of every collection the caller may see that changed after
 * since (collection by collection, oldest change first), then every deletion owed to the caller, by the same access
 * rules as the lists and the per-collection deletions feed.
 */
@Path("/api/v1/sync/changes")
@Tag(name = "Sync", description = "Incremental sync for field apps: changes and deletions since a sync point")
@Produces(MediaType.APPLICATION_JSON)
public class SyncFeedResource {

    /** Transactions that commit late carry an updatedAt before the sync started; the next sync looks back this far. */
    static final Duration LATE_COMMIT_MARGIN = Duration.ofSeconds(5);

    public enum ChangeKind { UPSERT, DELETE }

    @Schema(name = "SyncChange", description = "A record created or changed (UPSERT, with the record) or deleted (DELETE)")
    public record Change(@Schema(required = true, description = "Collection name, as in the API path") String collection,
            @Schema(required = true) ChangeKind kind,
            @Schema(required = true) java.util.UUID id,
            @Schema(required = true, description = "When the record was last changed, or deleted") Instant at,
            @Schema(type = SchemaType.OBJECT, nullable = true, description = "The record, as its collection's GET returns it"
                    + " (UPSERT only)") Object record) {
    }

    @Schema(name = "SyncChangePage")
    public record ChangePage(List<Change> items,
            @Schema(nullable = true, description = "Pass as cursor (with the same since) for the next page; null on the last page") String nextCursor,
            @Schema(nullable = true, description = "On the last page: the since of the next sync (the start of this one, less a margin for late"
                    + " commits)") Instant nextSince) {
    }

    private final CrudCollections collections;
    private final CallerScopes scopes;
    private final SyncRetention retention;
    private final OwedDeletions owed;

    public SyncFeedResource(CrudCollections collections, CallerScopes scopes, SyncRetention retention, OwedDeletions owed) {
        this.owed = owed;
        this.collections = collections;
        this.scopes = scopes;
        this.retention = retention;
    }

    @GET
    @Operation(summary = "Everything that changed since an instant, across all collections, then the deletions",
            description = "Follow nextCursor to the end, then store nextSince for the next sync. A first sync sends no since."
                    + " Deletions are kept for 30 days (SYNC_TOMBSTONE_RETENTION): an older since answers 410, and the app"
                    + " then syncs in full (no since).")
    @APIResponse(responseCode = "200", description = "One page of changes")
    @APIResponse(responseCode = "410", description = "since is older than the tombstone retention: sync in full",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChangePage> changes(
            @QueryParam("since") @Parameter(description = "nextSince of the previous sync; absent for a full sync") Instant since,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(ListQuery.MAX_LIMIT) int limit) {
        if (since != null) {
            retention.checkSyncPoint(since, "every collection");
        }
        Position position = cursor == null ? Position.start(collections.names().iterator().next(), Instant.now()) : Position.decode(cursor);
        return scopes.current().chain(scope -> page(scope, since, position, limit, new ArrayList<>()));
    }

    /** Fills the page from the position on: the rest of the current collection, the next ones, then the deletions. */
    private Uni<ChangePage> page(CallerScope scope, Instant since, Position at, int limit, List<Change> items) {
        if (at.collection() == null) {
            return since == null ? Uni.createFrom().item(new ChangePage(items, null, at.nextSince()))
                    : deletions(scope, since, at, limit, items);
        }
        CrudService<?> service = collections.find(at.collection())
                .orElseThrow(() -> ProblemException.invalidParameter("cursor", "is not a cursor issued by this service"));
        ChangedRecords query = new ChangedRecords(since, at.inner(), limit - items.size());
        return service.list(query, null).chain(found -> {
            found.items().forEach(record -> items.add(new Change(at.collection(), ChangeKind.UPSERT, record.id, record.updatedAt, record)));
            if (found.nextCursor() != null) {
                return Uni.createFrom().item(new ChangePage(items, at.within(found.nextCursor()).encode(), null));
            }
            Position next = at.after(nextCollection(at.collection()));
            return items.size() < limit ? page(scope, since, next, limit, items)
                    : Uni.createFrom().item(new ChangePage(items, next.encode(), null));
        });
    }

    private String nextCollection(String current) {
        return collections.names().stream().filter(name -> name.compareTo(current) > 0).findFirst().orElse(null);
    }

    private Uni<ChangePage> deletions(CallerScope scope, Instant since, Position at, int limit, List<Change> items) {
        int room = limit - items.size();
        if (room == 0) {
            return Uni.createFrom().item(new ChangePage(items, at.encode(), null));
        }
        List<String> names = List.copyOf(collections.names());
        List<Ownership> tables = names.stream().map(name -> collections.find(name).orElseThrow().ownership()).toList();
        Instant afterAt = at.deletedAfter() == null ? since : at.deletedAfter();
        return owed.after(scope, tables, since, afterAt, at.deletionId(), room + 1).map(found -> {
            boolean more = found.size() > room;
            for (OwedDeletions.Tombstone tombstone : more ? found.subList(0, room) : found) {
                String collection = names.stream().filter(name -> collections.find(name).orElseThrow().table().equals(tombstone.table()))
                        .findFirst().orElse(tombstone.table());
                items.add(new Change(collection, ChangeKind.DELETE, tombstone.id(), tombstone.deletedAt().toInstant(), null));
            }
            if (!more) {
                return new ChangePage(items, null, at.nextSince());
            }
            OwedDeletions.Tombstone last = found.get(room - 1);
            return new ChangePage(items, at.afterDeletion(last.deletedAt().toInstant(), last.sequence()).encode(), null);
        });
    }

    /** Records of one collection changed after since, oldest change first, through the collection's own list and scope. */
    private static final class ChangedRecords extends ListQuery {
        ChangedRecords(Instant since, String cursor, int limit) {
            this.updatedSince = since;
            this.cursor = cursor;
            this.limit = limit;
            this.sort = "updatedAt";
        }

        @Override
        public void where(Criteria criteria) {
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("updatedAt");
        }
    }

    /**
     * Where a sync stands: in a collection (with that list's cursor), or among the deletions (after a tombstone); and
     * when the sync started. Opaque to clients.
     */
    record Position(String collection, String inner, Instant deletedAfter, long deletionId, Instant startedAt) {

        static Position start(String firstCollection, Instant now) {
            return new Position(firstCollection, null, null, 0, now);
        }

        Position within(String innerCursor) {
            return new Position(collection, innerCursor, null, 0, startedAt);
        }

        Position after(String nextCollection) {
            return new Position(nextCollection, null, null, 0, startedAt);
        }

        Position afterDeletion(Instant deletedAt, long id) {
            return new Position(null, null, deletedAt, id, startedAt);
        }

        Instant nextSince() {
            return startedAt.minus(LATE_COMMIT_MARGIN);
        }

        String encode() {
            return OpaqueCursors.encode(collection == null ? "" : collection, inner == null ? "" : inner,
                    deletedAfter == null ? "" : deletedAfter.toString(), Long.toString(deletionId), startedAt.toString());
        }

        static Position decode(String encoded) {
            String[] parts = OpaqueCursors.decode(encoded, 5);
            try {
                return new Position(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1],
                        parts[2].isEmpty() ? null : Instant.parse(parts[2]), Long.parseLong(parts[3]), Instant.parse(parts[4]));
            } catch (RuntimeException e) {
                throw OpaqueCursors.notOurs();
            }
        }
    }
}
