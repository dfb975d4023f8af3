package com.saleskpi.rep;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of sales reps, within the caller's scope (CrudService). */
@Singleton
public class SalesRepService extends CrudService<SalesRep> {

    public SalesRepService(SalesRepRepository repository, CrudSupport support) {
        super(repository, SalesRep.class, "sales rep", support);
    }
}
