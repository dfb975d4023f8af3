package com.saleskpi.security;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.security.identity.SecurityIdentity;

/** Who the caller is to this service: a field app learns its rep, a dashboard the teams it may show. */
@Type("Me")
@Schema(name = "Me", description = "The caller: roles, rep, managed teams and what they may see")
@Description("The caller: roles, rep, managed teams and what they may see")
public record Me(
        @NonNull @Schema(required = true, description = "Subject of the token") String subject,
        @NonNull @Schema(required = true, description = "The service's roles the token carries") List<@NonNull String> roles,
        @NonNull @Schema(required = true, description = "What lists, exports, sync and KPIs return to the caller") Scope scope,
        @Schema(description = "The caller's sales rep (reps, and managers who are reps themselves)") UUID repId,
        @Schema(description = "The team of the caller's rep") UUID teamId,
        @NonNull @Schema(required = true, description = "Teams the caller manages, with their sub-teams (managers)") List<@NonNull UUID> managedTeamIds,
        @NonNull @Schema(required = true, description = "Reps of the managed teams (managers)") List<@NonNull UUID> managedRepIds) {

    public enum Scope {
        /** Every record (admin, analyst). */
        ALL,
        /** The records of the managed teams and their sub-teams (sales-manager). */
        MANAGED_TEAMS,
        /** The caller's own records (sales-rep). */
        OWN
    }

    static Me of(SecurityIdentity identity, CallerScope scope) {
        List<String> roles = CallerScope.Role.NAMES.stream().filter(identity::hasRole).toList();
        Scope seen = scope.seesEverything() ? Scope.ALL : scope.role() == CallerScope.Role.MANAGER ? Scope.MANAGED_TEAMS : Scope.OWN;
        return new Me(identity.getPrincipal().getName(), roles, seen, scope.repId(), scope.teamId(), scope.managedTeams(),
                scope.managedReps());
    }
}
