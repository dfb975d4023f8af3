package com.saleskpi.security;

import java.util.List;
import java.util.UUID;

/**
 * What the caller may see: everything (admin, analyst), the teams they manage with their sub-teams
 * (sales-manager), or their own records (sales-rep, identified by the token claim that names their rep).
 * managedReps are the reps of the managed teams.
 */
public record CallerScope(Role role, UUID repId, UUID teamId, List<UUID> managedTeams, List<UUID> managedReps) {

    public enum Role {
        ADMIN, ANALYST, MANAGER, REP;

        /** Highest role first: a token with several roles gets the widest. */
        static final List<String> NAMES = List.of("admin", "analyst", "sales-manager", "sales-rep");
    }

    public boolean seesEverything() {
        return role == Role.ADMIN || role == Role.ANALYST;
    }
}
