package com.saleskpi.common.crud;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Brackets the stored records a bulk import batch merges, inside its transaction, so that the rollups built on the
 * table are brought up to date once for them instead of once per row statement (see migration V6): {@link #defer}
 * before the merges, {@link #resume} after their flush, both with those records. (The batch's new records are one
 * insert statement, whose triggers already see all its rows.)
 */
final class RollupDeferral {

    private RollupDeferral() {
    }

    static Uni<Void> defer(String table, List<UUID> stored) {
        return call("rollups_defer", table, stored);
    }

    static Uni<Void> resume(String table, List<UUID> written) {
        return call("rollups_resume", table, written);
    }

    private static Uni<Void> call(String function, String table, List<UUID> ids) {
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select 1 from " + function + "(cast(?1 as regclass), cast(cast(?2 as text) as uuid[]))", Integer.class)
                .setParameter(1, table).setParameter(2, array).getSingleResult())
                .replaceWithVoid();
    }
}
