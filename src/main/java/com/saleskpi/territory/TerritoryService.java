package com.saleskpi.territory;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of territories, within the caller's scope (CrudService). */
@Singleton
public class TerritoryService extends CrudService<Territory> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "territories";

    public TerritoryService(CrudSupport support) {
        super(Territory.class, "territory", COLLECTION, support);
    }
}
