package com.saleskpi.common.crud;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.persistence.SessionlessRead;
import com.saleskpi.common.persistence.SetBasedInsert;
import com.saleskpi.common.problem.DatabaseErrors;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.CallerScopes;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.Ownership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.validation.Validator;

/**
 * Create, read, list, replace, merge-patch and delete for one entity type, in one transaction each.
 * Replace and patch both build a complete candidate from JSON, validate it as a whole and let
 * Hibernate merge it onto the stored row, so that the entity class is the single mapping.
 */
public class CrudService<E extends AuditedEntity> {

    protected final Records<E> store;
    private final Class<E> type;
    private final String label;
    /** The collection's name in the API (accounts, survey-responses...). */
    private final String collection;
    final CrudSupport support;
    private final Ownership access;
    private final Map<String, String> tables;
    /** The column of each property, for the conditions and orders of reads. */
    private final Function<String, String> columns;
    final Placement<E> placement;
    final RecordJson<E> json;
    private final Upserts<E> upserts = new Upserts<>(this);

    public CrudService(Class<E> type, String label, String collection, CrudSupport support) {
        this.store = new Records<>(type);
        this.collection = collection;
        this.type = type;
        this.label = label;
        this.access = Ownership.of(type);
        this.support = support;
        this.tables = Records.tablesWrittenBy(type);
        this.placement = new Placement<>(store, type, access, support);
        this.json = new RecordJson<>(type, support.mapper(), support.validator());
        support.reads().prepare(type);
        this.columns = property -> support.reads().column(type, property);
    }

    public Uni<E> get(UUID id) {
        return support.scopes().current().chain(scope -> read(scope, new Criteria(columns).equal("id", id), null, 0))
                .map(records -> records.isEmpty() ? null : records.get(0))
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    /**
     * The records the criteria select among those the caller may read, without an ORM session (reads by id and list
     * pages are the hottest paths of field apps and BI tools): one statement that carries the caller's read rule and
     * runs in their scope when row-level security binds them.
     */
    private Uni<List<E>> read(CallerScope scope, Criteria criteria, String orderBy, int limit) {
        criteria.within(firstParameter -> access.readConditionSql(scope, firstParameter));
        Uni<List<E>> read = support.reads().list((sql, parameters) -> support.rules().query(support.pool(), scope, sql, parameters),
                type, criteria.conditions(), criteria.parameters(), orderBy, limit);
        // a read has no effect, so it may run again on a new connection
        return com.saleskpi.database.ReadsAgain.onLostConnection(read);
    }

    public Uni<Page<E>> list(ListQuery query, PageLinks links) {
        return support.scopes().current().chain(scope -> list(query, links, scope));
    }

    /** A transaction bound to the caller's scope (row-level security); every write runs in one. */
    private <T> Uni<T> scopedTransaction(CallerScope scope, java.util.function.Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> inScope(scope).chain(() -> work.get()));
    }

    /** Binds the current transaction to the caller's scope; bulk imports, which run their own transactions, call it per batch. */
    Uni<Void> inScope(CallerScope scope) {
        return store.session().chain(session -> support.rules().enterScope(session, scope));
    }

    /** The caller's scope, resolved from the token (403 when it grants no access to sales data). */
    Uni<CallerScope> callerScope() {
        return support.scopes().current();
    }

    Uni<Page<E>> list(ListQuery query, PageLinks links, CallerScope scope) {
        SortOrder order = SortOrder.parse(query.sort, query.sortableFields());
        Criteria criteria = new Criteria(columns);
        criteria.greaterThan("updatedAt", query.updatedSince);
        query.where(criteria);
        if (query.cursor != null) {
            Cursor cursor = Cursor.decode(query.cursor, order.toString());
            criteria.after(order.field(), order.descending(), order.field().equals("id") ? null
                    : order.parseValue(cursor.value(), type, support.mapper()), cursor.id(), access.pinned(scope));
        }
        // one more than the page, to know whether another follows
        return read(scope, criteria, order.orderBy(columns), query.limit + 1)
                .map(rows -> {
                    boolean more = rows.size() > query.limit;
                    List<E> items = more ? rows.subList(0, query.limit) : rows;
                    if (!more) {
                        return new Page<>(items, null, null);
                    }
                    E last = items.get(items.size() - 1);
                    String next = new Cursor(order.toString(), order.valueOf(last, support.mapper()), last.id).encode();
                    return new Page<>(items, next, links == null ? null : links.withCursor(next));
                });
    }

    /** The outcome of a create: the new record, or the stored response to an earlier request with the same Idempotency-Key. */
    public record Created<E>(E entity, boolean replayed) {
    }

    /**
     * Creates the record. With an idempotency key, the key is claimed in the same transaction as the insert: a
     * concurrent retry waits for that transaction and then replays its response; a failed create releases the key.
     */
    public Uni<Created<E>> create(E entity, String idempotencyKey) {
        entity.createdBy = support.actor();
        entity.updatedBy = entity.createdBy;
        return support.scopes().current().invoke(access::checkMayWrite).chain(scope -> scopedTransaction(scope, () -> {
            placement.fillOwner(entity, scope, null);
            Uni<E> inserted = placement.place(List.of(entity)).chain(() -> insert(entity, scope));
            if (idempotencyKey == null) {
                return inserted.map(saved -> new Created<>(saved, false));
            }
            String caller = String.valueOf(entity.createdBy);
            String hash = IdempotencyKeys.hash(support.mapper(), entity);
            return IdempotencyKeys.claim(caller, idempotencyKey, hash).chain(claimed -> claimed
                    ? inserted.call(saved -> IdempotencyKeys.remember(caller, idempotencyKey, 201, saved.id.toString(),
                            support.mapper().valueToTree(saved).toString())).map(saved -> new Created<>(saved, false))
                    : IdempotencyKeys.replay(caller, idempotencyKey, hash, support.mapper())
                            .map(stored -> new Created<>(json.replayOf(stored.body()), true)));
        })).onFailure().transform(failure -> DatabaseErrors.onWrite(failure, tables));
    }

    public enum UpsertOutcome { CREATED, UPDATED, UNCHANGED }

    /**
     * For bulk imports, inside the caller's transaction: inserts the record, or updates the one with the same
     * externalRef, or leaves it alone when it already holds these values (so re-importing a file changes nothing).
     */
    public Uni<UpsertOutcome> upsert(JsonNode row, ObjectMapper reader, CallerScope scope) {
        return upserts.upsert(row, reader, scope);
    }

    /**
     * The fast path of a bulk import: a whole batch of rows in one lookup, set-based inserts and one scope check; any
     * failure fails the batch, which the caller then replays row by row ({@link #upsert}) to name the row at fault.
     */
    public Uni<List<UpsertOutcome>> upsertBatch(List<JsonNode> rows, ObjectMapper reader, CallerScope scope) {
        return upserts.upsertBatch(rows, reader, scope);
    }

    /** Records written along with a save, through the session (flushed with it). */
    Uni<Void> persist(List<?> records) {
        return records.isEmpty() ? Uni.createFrom().voidItem()
                : store.session().chain(session -> session.persistAll(records.toArray()));
    }

    /** The collection's name in the API: the last part of its path (accounts, survey-responses...). */
    public String collection() {
        return collection;
    }

    /**
     * The prefix of the collection's webhook events (opportunity.created, sales_rep.updated, order.deleted...): its
     * label in snake_case.
     */
    public String eventName() {
        return label.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    }

    /** Who owns these records and who may see them. */
    public Ownership ownership() {
        return access;
    }

    /** The table of the entity's own rows. */
    public String table() {
        return type.getAnnotation(Table.class).name();
    }

    /**
     * A failure of a write, as the problem it means for the client: constraint violations name their field, and any
     * other failure the database reported is read as everywhere else (DatabaseErrors#translate).
     */
    public Throwable translate(Throwable failure) {
        Throwable onWrite = DatabaseErrors.onWrite(failure, tables);
        return onWrite != failure ? onWrite : DatabaseErrors.translate(failure);
    }

    /**
     * Whether its records are never changed once written (versions such as forecast calls): its resource offers no
     * update or delete, and an import row that would change a stored record is refused (409).
     */
    public boolean immutable() {
        return false;
    }

    /** Whether its records carry an externalRef, the key bulk imports upsert by. */
    public boolean hasExternalRef() {
        return support.mapper().getSerializationConfig().introspect(support.mapper().constructType(type)).findProperties()
                .stream().anyMatch(property -> property.getName().equals("externalRef"));
    }

    Uni<E> insert(E entity, CallerScope scope) {
        return placement.checkPlacementAndReferences(List.of(entity), scope)
                .invoke(() -> completeBeforeSave(null, entity, scope))
                .chain(() -> store.persist(entity))
                .call(saved -> persist(writtenWith(null, saved)))
                .call(() -> store.flush())
                .call(this::afterWrite);
    }

    public Uni<E> replace(UUID id, JsonNode body, String ifMatch) {
        return update(id, ifMatch, stored -> body);
    }

    public Uni<E> patch(UUID id, JsonNode patch, String ifMatch) {
        return update(id, ifMatch, stored -> MergePatch.apply(support.mapper().valueToTree(stored), patch));
    }

    public Uni<Void> delete(UUID id, String ifMatch) {
        return support.scopes().current().invoke(access::checkMayWrite).chain(scope -> scopedTransaction(scope, () -> findOrFail(id, scope, LockModeType.PESSIMISTIC_WRITE)
                .invoke(stored -> Preconditions.checkIfMatch(stored, ifMatch))
                .call(this::nameTheDeleter)
                .call(store::delete)
                .call(() -> store.flush())))
                .onFailure().transform(DatabaseErrors::onDelete)
                .replaceWithVoid();
    }

    /**
     * Who deletes, for the triggers that record it in the same transaction: saleskpi.actor, set only for the entities
     * whose @Owned declaration keeps a history (a deal's), so that other deletes send nothing more.
     */
    private Uni<Object> nameTheDeleter() {
        if (access.historyTable().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String actor = support.actor();
        return store.session().chain(session -> session.createNativeQuery("select set_config('saleskpi.actor', :actor, true)")
                .setParameter("actor", actor == null ? "" : actor).getSingleResult());
    }

    ObjectMapper mapper() {
        return support.mapper();
    }

    /** Records streamed by exports (metric saleskpi_export_rows_total, by entity). */
    Counter exportedRows() {
        return support.metrics().counter("saleskpi.export.rows", "entity", label);
    }

    /** Completes a new or replacing state before the caller writes it (previous is null on create), through the hook. */
    final void completeBeforeSave(E previous, E next, CallerScope scope) {
        if (previous != null && immutable()) {
            throw new ProblemException(ProblemType.CONFLICT, "A " + label + " is never changed once written: send a new one");
        }
        beforeSave(previous, next, scope);
    }

    /** Hook: completes a new or replacing state before the caller writes it (previous is null on create). */
    protected void beforeSave(E previous, E next, CallerScope scope) {
    }

    /**
     * Hook: gives an import row what the database derives on the stored record and the row leaves to it, so that a row
     * sent again reads as unchanged.
     */
    protected void keepDerived(E stored, E candidate) {
    }

    /** Hook: after a single write is flushed, for what the database set on the record (its triggers' columns). */
    protected Uni<Void> afterWrite(E saved) {
        return Uni.createFrom().voidItem();
    }

    /**
     * Hook: other records the service writes in the same transaction when this state is saved (previous is null on
     * create; saved already has its id). Single writes persist them through the session, imports insert them set-based.
     */
    protected List<?> writtenWith(E previous, E saved) {
        return List.of();
    }

    private interface CandidateSource<E> {
        JsonNode candidateJson(E stored);
    }

    private Uni<E> update(UUID id, String ifMatch, CandidateSource<E> source) {
        return support.scopes().current().invoke(access::checkMayWrite).chain(scope -> update(id, ifMatch, source, scope));
    }

    private Uni<E> update(UUID id, String ifMatch, CandidateSource<E> source, CallerScope scope) {
        return scopedTransaction(scope, () -> findOrFail(id, scope, LockModeType.PESSIMISTIC_WRITE).flatMap(stored -> {
            Preconditions.checkIfMatch(stored, ifMatch);
            E candidate = json.read(source.candidateJson(stored));
            candidate.takeIdentityFrom(stored);
            json.validate(candidate);
            placement.fillOwner(candidate, scope, stored);
            return placement.place(List.of(candidate)).chain(() -> mergeOnto(stored, candidate, scope));
        })).onFailure().transform(failure -> DatabaseErrors.onWrite(failure, tables));
    }

    /**
     * Writes a replacing state (which already carries the stored identity) over the stored record: the checks of
     * placement, references and the policy's rule first, then hooks, merge and flush. Shared by replace, patch and
     * import updates.
     */
    Uni<E> mergeOnto(E stored, E candidate, CallerScope scope) {
        candidate.updatedBy = support.actor();
        return placement.checkPlacementAndReferences(List.of(candidate), scope)
                .chain(() -> {
                    completeBeforeSave(stored, candidate, scope);
                    // before the merge, which copies the candidate's state onto the stored record
                    List<?> alongside = writtenWith(stored, candidate);
                    return store.session().chain(session -> session.merge(candidate).call(() -> persist(alongside))
                            .call(session::flush)).call(this::afterWrite);
                });
    }

    /**
     * A record outside the caller's scope is "not found", so that its existence does not leak. Writes lock the row they
     * read: of concurrent writers of one record, the second waits for the first, then sees its outcome (the new version,
     * or no record: 404) instead of failing at commit.
     */
    private Uni<E> findOrFail(UUID id, CallerScope scope, LockModeType lock) {
        return placement.findInScope("id", id, scope, lock).onItem().ifNull().failWith(() -> notFound(id));
    }

    private ProblemException notFound(UUID id) {
        return ProblemException.notFound("The " + label + " with id " + id);
    }

    /** Refuses a role that may not change these records (403). */
    public void checkMayWrite(CallerScope scope) {
        access.checkMayWrite(scope);
    }

    /** Bean Validation of a record built outside the REST layer (which validates its bodies itself); violations throw. */
    public void validate(E candidate) {
        json.validate(candidate);
    }

    /** The collaborators every CRUD service needs, bundled so that services take one argument for them. */
    public record CrudSupport(ObjectMapper mapper, Validator validator, SecurityIdentity identity, CallerScopes scopes,
            MeterRegistry metrics, AccessRules rules, SetBasedInsert inserts, SessionlessRead reads, Pool pool) {
        String actor() {
            return identity.isAnonymous() ? null : identity.getPrincipal().getName();
        }
    }
}
