package com.saleskpi.common.crud;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.saleskpi.common.crud.CrudService.CrudSupport;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.Owned;
import com.saleskpi.security.Ownership;
import com.saleskpi.security.RecordProperties;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Where a collection's records may be placed and found by a caller, inside the caller's transaction: their owner settled,
 * their team and territory filled from their rep, and the checks of the row-level security policy's own rule
 * (Ownership, rendered as SQL by AccessRules) run before anything is written, so that the service and the policy agree.
 */
final class Placement<E extends AuditedEntity> {

    private final Records<E> store;
    private final Class<E> type;
    private final Ownership access;
    private final CrudSupport support;

    Placement(Records<E> store, Class<E> type, Ownership access, CrudSupport support) {
        this.store = store;
        this.type = type;
        this.access = access;
        this.support = support;
    }

    /**
     * Settles the owner of a record (stored is the record it replaces, null for a new one): the one it names, else the
     * stored one, else the caller's own rep (Ownership#fillOwner); then an owner that only admins must name is checked.
     */
    void fillOwner(E record, CallerScope scope, E stored) {
        access.fillOwner(record, scope, stored);
        Set<ConstraintViolation<E>> violations = support.validator().validate(record, Owned.Given.class);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /**
     * Before anything is written: the records' own rep and team must be in the caller's scope (403), every record they
     * refer to must be one the caller can read (422, as for an id that does not exist), and the row-level security
     * policy must admit them (403): a write may not place a record outside the caller's reach, also through a
     * reference such as a survey answer's account.
     */
    Uni<Void> checkPlacementAndReferences(List<E> records, CallerScope scope) {
        records.forEach(record -> access.checkPlacement(record, scope));
        return store.session().chain(session -> support.rules().checkReferences(type, records, scope, session)
                .chain(() -> support.rules().checkAdmitted(access, records, scope, session)));
    }

    /** Fills an empty team or territory from the owner rep's (for the entities whose rule places them so): one query for all. */
    Uni<Void> place(List<E> records) {
        Map<String, String> placed = access.placedWithRep();
        String repProperty = access.repProperty();
        List<E> unplaced = placed.isEmpty() ? List.of() : records.stream().filter(record -> RecordProperties.value(record, repProperty) != null
                && placed.keySet().stream().anyMatch(property -> RecordProperties.value(record, property) == null)).toList();
        if (unplaced.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> fromRep = List.copyOf(placed.values());
        Set<Object> reps = new HashSet<>(unplaced.stream().map(record -> RecordProperties.value(record, repProperty)).toList());
        return store.session().chain(session -> session.createSelectionQuery("select id, " + String.join(", ", fromRep)
                + " from SalesRep where id in :ids", Object[].class).setParameter("ids", reps).getResultList())
                .invoke(rows -> {
                    Map<Object, Object[]> byRep = new HashMap<>();
                    rows.forEach(row -> byRep.put(row[0], row));
                    for (E record : unplaced) {
                        Object[] rep = byRep.get(RecordProperties.value(record, repProperty));
                        int column = 1;
                        for (String property : placed.keySet()) {
                            if (rep != null && RecordProperties.value(record, property) == null) {
                                RecordProperties.assign(record, property, rep[column]);
                            }
                            column++;
                        }
                    }
                }).replaceWithVoid();
    }

    /** The record whose field has this value, if the caller may see it (the policy's rule, as for a list); null otherwise. */
    Uni<E> findInScope(String field, Object value, CallerScope scope, LockModeType lock) {
        return store.findBy(field, value, lock).chain(record -> record == null ? Uni.createFrom().nullItem()
                : readableOf(List.of(record), scope).map(readable -> readable.contains(record.id) ? record : null));
    }

    /** The ids of those of the records the caller may read (one statement: the policy's rule, AccessRules#readable). */
    Uni<Set<UUID>> readableOf(List<E> records, CallerScope scope) {
        List<UUID> ids = records.stream().map(record -> record.id).toList();
        return store.session().chain(session -> support.rules().readable(access, ids, scope, session));
    }
}
