package com.saleskpi.team;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of teams, within the caller's scope (CrudService). */
@Singleton
public class TeamService extends CrudService<Team> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "teams";

    public TeamService(CrudSupport support) {
        super(Team.class, "team", COLLECTION, support);
    }
}
