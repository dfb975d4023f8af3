package com.saleskpi.common.crud;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.CallerScope;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/**
 * The writes of a bulk import for one entity type, inside the caller's transaction: rows upserted by externalRef,
 * batch by batch (set-based inserts, merges of stored records, the rollups brought up to date once) or one by one,
 * each checked as the service's create or replace would check it.
 */
final class Upserts<E extends AuditedEntity> {

    private final CrudService<E> service;

    Upserts(CrudService<E> service) {
        this.service = service;
    }

    /**
     * For bulk imports, inside the caller's transaction: inserts the record, or updates the one with the same
     * externalRef, or leaves it alone when it already holds these values (so re-importing a file changes nothing).
     */
    Uni<CrudService.UpsertOutcome> upsert(JsonNode row, ObjectMapper reader, CallerScope scope) {
        E candidate = readImportRow(row, reader);
        String externalRef = row.path("externalRef").asText();
        return service.inScope(scope).chain(() -> service.placement.findInScope("externalRef", externalRef, scope, LockModeType.PESSIMISTIC_WRITE))
                .call(stored -> {
                    service.placement.fillOwner(candidate, scope, stored);
                    return service.placement.place(List.of(candidate));
                })
                .chain(stored -> {
            if (stored == null) {
                candidate.createdBy = service.support.actor();
                candidate.updatedBy = candidate.createdBy;
                return service.insert(candidate, scope).replaceWith(CrudService.UpsertOutcome.CREATED);
            }
            candidate.takeIdentityFrom(stored);
            service.keepDerived(stored, candidate);
            if (unchanged(candidate, stored)) {
                return Uni.createFrom().item(CrudService.UpsertOutcome.UNCHANGED);
            }
            return service.mergeOnto(stored, candidate, scope).replaceWith(CrudService.UpsertOutcome.UPDATED);
        });
    }

    /**
     * The fast path of a bulk import, inside the caller's transaction: one lookup of the stored records for all rows,
     * the new ones inserted set-based (one statement per table), one scope check for all. Any failure fails the whole
     * batch, and the caller then replays it row by row ({@link CrudService#upsert}) to name the row at fault; rows repeating an
     * externalRef are left to that path too.
     */
    Uni<List<CrudService.UpsertOutcome>> upsertBatch(List<JsonNode> rows, ObjectMapper reader, CallerScope scope) {
        List<E> candidates = rows.stream().map(row -> readImportRow(row, reader)).toList();
        List<String> refs = rows.stream().map(row -> row.path("externalRef").asText()).toList();
        if (refs.stream().distinct().count() != refs.size()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "externalRef repeated within the batch"));
        }
        return service.inScope(scope).chain(() -> storedByExternalRef(refs, scope))
                .call(stored -> {
                    IntStream.range(0, candidates.size()).forEach(i -> service.placement.fillOwner(candidates.get(i), scope, stored.get(refs.get(i))));
                    return service.placement.place(candidates).chain(() -> service.placement.checkPlacementAndReferences(candidates, scope));
                })
                .chain(stored -> insertNew(scope, IntStream.range(0, candidates.size()).filter(i -> !stored.containsKey(refs.get(i)))
                        .mapToObj(candidates::get).toList())
                        .chain(() -> updateAllFromImport(candidates, refs, stored, scope)))
                .call(() -> service.store.session().invoke(session -> session.clear()));
    }

    /**
     * The stored records of an import batch merged with their rows, and the outcome of every row. The merges are one
     * statement per record: the rollups built on the table are brought up to date once for them all, after the flush
     * (RollupDeferral), instead of by the triggers of each statement.
     */
    private Uni<List<CrudService.UpsertOutcome>> updateAllFromImport(List<E> candidates, List<String> refs, Map<String, E> stored,
            CallerScope scope) {
        Uni<List<CrudService.UpsertOutcome>> outcomes = Multi.createFrom().range(0, candidates.size())
                .onItem().transformToUniAndConcatenate(i -> stored.containsKey(refs.get(i))
                        ? updateFromImport(stored.get(refs.get(i)), candidates.get(i), scope)
                        : Uni.createFrom().item(CrudService.UpsertOutcome.CREATED))
                .collect().asList();
        if (stored.isEmpty()) {
            return outcomes;
        }
        List<UUID> storedIds = stored.values().stream().map(e -> e.id).toList();
        return RollupDeferral.defer(service.table(), storedIds)
                .chain(() -> outcomes)
                .call(() -> service.store.flush())
                .call(() -> RollupDeferral.resume(service.table(), storedIds));
    }

    /**
     * New records of an import, with what is written along with them, in one statement per table: the triggers of
     * each statement bring the rollups up to date for all its rows at once (as for COPY).
     */
    private Uni<Void> insertNew(CallerScope scope, List<E> records) {
        Instant now = Instant.now();
        records.forEach(record -> {
            record.stampNew(service.support.actor(), now);
            service.completeBeforeSave(null, record, scope);
        });
        return service.store.session().chain(session -> service.support.inserts().insert(session, records)
                .chain(() -> service.support.inserts().insert(session, records.stream().flatMap(record -> service.writtenWith(null, record).stream()).toList())));
    }

    /** An import row whose externalRef is stored: merged when it changes anything, left alone otherwise. */
    private Uni<CrudService.UpsertOutcome> updateFromImport(E existing, E candidate, CallerScope scope) {
        candidate.takeIdentityFrom(existing);
        service.keepDerived(existing, candidate);
        if (unchanged(candidate, existing)) {
            return Uni.createFrom().item(CrudService.UpsertOutcome.UNCHANGED);
        }
        candidate.updatedBy = service.support.actor();
        service.completeBeforeSave(existing, candidate, scope);
        List<?> alongside = service.writtenWith(existing, candidate);
        return service.store.session().chain(session -> session.merge(candidate).call(() -> service.persist(alongside)))
                .replaceWith(CrudService.UpsertOutcome.UPDATED);
    }

    /**
     * A row of a bulk import, read and validated as a create would be. Its externalRef is required: it is how a re-sent
     * file finds the records it created instead of creating them again.
     */
    private E readImportRow(JsonNode row, ObjectMapper reader) {
        if (row.path("externalRef").asText("").isBlank()) {
            throw ProblemException.invalidField("externalRef", "is required in an import: a re-sent file finds its records by it");
        }
        E candidate = service.json.read(row, reader);
        service.json.validate(candidate);
        return candidate;
    }

    /** The stored records of these externalRefs that the caller may read, by externalRef. */
    private Uni<Map<String, E>> storedByExternalRef(List<String> refs, CallerScope scope) {
        return service.store.findAllBy("externalRef", refs).chain(found -> service.placement.readableOf(found, scope)
                .map(readable -> {
                    Map<String, E> byRef = new HashMap<>();
                    found.stream().filter(entity -> readable.contains(entity.id)).forEach(entity -> byRef.put(
                            service.support.mapper().valueToTree(entity).path("externalRef").asText(), entity));
                    return byRef;
                }));
    }

    /** Whether a row holds the values its stored record already has (a file sent again changes nothing). */
    private boolean unchanged(E candidate, E stored) {
        return writable(service.support.mapper().valueToTree(candidate)).equals(writable(service.support.mapper().valueToTree(stored)));
    }

    /** The fields a client sets, without what the service manages (ids, versions, audit, computed amounts). */
    private static JsonNode writable(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
            copy.remove(List.of("id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy", "lineNo", "netAmount"));
            copy.fields().forEachRemaining(field -> field.setValue(writable(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(writable(element)));
            return copy;
        }
        return node;
    }
}
