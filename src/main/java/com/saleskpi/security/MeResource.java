package com.saleskpi.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.problem.GraphQLProblems;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller, over REST (GET /api/v1/me) and GraphQL (me), from the same scope every other path applies. */
@Path("/api/v1/me")
@Tag(name = "Me", description = "Who the caller is to the service: roles, rep, managed teams and scope")
@GraphQLApi
@RolesAllowed({ "admin", "sales-manager", "sales-rep", "analyst" })
public class MeResource {

    private final SecurityIdentity identity;
    private final CallerScopes scopes;

    public MeResource(SecurityIdentity identity, CallerScopes scopes) {
        this.identity = identity;
        this.scopes = scopes;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMe", summary = "Who the caller is: roles, rep, managed teams and what they may see")
    public Uni<Me> get() {
        return scopes.current().map(scope -> Me.of(identity, scope));
    }

    @Query("me")
    @Description("Who the caller is: roles, rep, managed teams and what they may see")
    public Uni<@NonNull Me> me() {
        return get().onFailure().transform(GraphQLProblems::of);
    }
}
