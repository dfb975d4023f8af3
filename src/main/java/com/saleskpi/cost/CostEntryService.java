package com.saleskpi.cost;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of cost entries, within the caller's scope (CrudService). */
@Singleton
public class CostEntryService extends CrudService<CostEntry> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "costs";

    public CostEntryService(CrudSupport support) {
        super(CostEntry.class, "cost entry", COLLECTION, support);
    }
}
