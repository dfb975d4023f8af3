package com.saleskpi.security;

import java.util.function.Supplier;

import com.saleskpi.database.ConsistencyTokens;
import com.saleskpi.database.DataVersions;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Singleton;

/**
 * Work done for a caller outside any request of theirs (a subscription's push, re-evaluated after a commit) as if it
 * were one: on a context of its own, with the caller's identity, so that their scope, budget and row-level security
 * apply exactly as to their queries, and with a consistency token, so that a replica answers only once it holds the
 * commit.
 */
@Singleton
public class CallerContexts {

    private final Vertx vertx;
    private final CurrentIdentityAssociation identities;

    public CallerContexts(Vertx vertx, CurrentIdentityAssociation identities) {
        this.vertx = vertx;
        this.identities = identities;
    }

    /**
     * The work as the caller, reading at least what the versions were read after (a commit: their WAL position is the
     * consistency token, and they are the data versions of the work's reads); with null, what stands.
     */
    public <T> Uni<T> as(SecurityIdentity caller, DataVersions.Versions after, Supplier<Uni<T>> work) {
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            if (after != null) {
                ConsistencyTokens.carry(after.position());
                DataVersions.carry(after);
            }
            within(caller, work).subscribe().with(emitter::complete, emitter::fail);
        }));
    }

    @ActivateRequestContext
    <T> Uni<T> within(SecurityIdentity caller, Supplier<Uni<T>> work) {
        identities.setIdentity(caller);
        return Uni.createFrom().<T>deferred(work::get);
    }
}
