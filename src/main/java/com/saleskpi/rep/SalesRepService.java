package com.saleskpi.rep;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of sales reps, within the caller's scope (CrudService). */
@Singleton
public class SalesRepService extends CrudService<SalesRep> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "reps";

    public SalesRepService(CrudSupport support) {
        super(SalesRep.class, "sales rep", COLLECTION, support);
    }
}
