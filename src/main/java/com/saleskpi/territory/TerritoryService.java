package com.saleskpi.territory;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of territories, within the caller's scope (CrudService). */
@Singleton
public class TerritoryService extends CrudService<Territory> {

    public TerritoryService(TerritoryRepository repository, CrudSupport support) {
        super(repository, Territory.class, "territory", support);
    }
}
