package com.saleskpi.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.crud.CrudService;
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
 * Tombstones of deleted records (written by a trigger on every table, kept for the configured retention), the other
 * half of incremental sync: a client lists what changed with updatedSince and what was deleted here, from the same instant.
 */
@Path("/api/v1/sync/deletions")
@Tag(name = "Sync", description = "Incremental sync for field apps: changes and deletions since a sync point")
@Produces(MediaType.APPLICATION_JSON)
public class DeletionsResource {

    @Schema(name = "Deletion", description = "A record that was deleted")
    public record Deletion(UUID id, OffsetDateTime deletedAt) {
    }

    @Schema(name = "DeletionPage")
    public record DeletionPage(List<Deletion> items,
            @Schema(description = "The last item's instant; absent on the last page. Paging by it can miss deletions that share"
                    + " that instant (one transaction's): follow nextCursor instead") OffsetDateTime nextSince,
            @Schema(description = "Pass as cursor, with the same since, for the next page; absent on the last page")
            String nextCursor) {
    }

    private final CallerScopes scopes;
    private final CrudCollections collections;
    private final SyncRetention retention;
    private final OwedDeletions owed;

    public DeletionsResource(CallerScopes scopes, CrudCollections collections, SyncRetention retention, OwedDeletions owed) {
        this.owed = owed;
        this.scopes = scopes;
        this.collections = collections;
        this.retention = retention;
    }

    @GET
    @Operation(summary = "Records of one collection deleted after an instant, oldest first",
            description = "Tombstones are kept for 30 days (SYNC_TOMBSTONE_RETENTION); an older sync point answers 410 and the"
                    + " client must sync that collection in full.")
    @APIResponse(responseCode = "200", description = "Deletions after since")
    @APIResponse(responseCode = "410", description = "since is older than the tombstone retention: do a full sync",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeletionPage> deletions(
            @QueryParam("entity") @Parameter(description = "Collection name, as in the API path (e.g. opportunities)", required = true) String entity,
            @QueryParam("since") @Parameter(description = "Instant of the previous sync", required = true) Instant since,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        Ownership rule = collections.find(entity).map(CrudService::ownership)
                .orElseThrow(() -> ProblemException.invalidParameter("entity", "must be one of " + collections.names()));
        if (since == null) {
            throw ProblemException.invalidParameter("since", "is required (an ISO 8601 instant)");
        }
        retention.checkSyncPoint(since, "this collection");
        // a first page starts after (since, the highest sequence), that is after since; a cursor, the sync feed's, after
        // its last tombstone
        SyncFeedResource.Position after = cursor == null ? new SyncFeedResource.Position(null, null, since, Long.MAX_VALUE, since)
                : SyncFeedResource.Position.decode(cursor);
        if (after.deletedAfter() == null) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor issued by this service");
        }
        return scopes.current().chain(scope -> query(scope, rule, since, after, limit));
    }

    private Uni<DeletionPage> query(CallerScope scope, Ownership rule, Instant since, SyncFeedResource.Position after, int limit) {
        return owed.after(scope, List.of(rule), since, after.deletedAfter(), after.deletionId(), limit + 1).map(found -> {
            boolean more = found.size() > limit;
            List<OwedDeletions.Tombstone> page = more ? found.subList(0, limit) : found;
            OwedDeletions.Tombstone last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new DeletionPage(page.stream().map(t -> new Deletion(t.id(), t.deletedAt())).toList(),
                    more ? last.deletedAt() : null,
                    more ? after.afterDeletion(last.deletedAt().toInstant(), last.sequence()).encode() : null);
        });
    }
}
