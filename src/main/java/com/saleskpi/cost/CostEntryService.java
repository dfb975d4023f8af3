package com.saleskpi.cost;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of cost entries, within the caller's scope (CrudService). */
@Singleton
public class CostEntryService extends CrudService<CostEntry> {

    public CostEntryService(CostEntryRepository repository, CrudSupport support) {
        super(repository, CostEntry.class, "cost entry", support);
    }
}
