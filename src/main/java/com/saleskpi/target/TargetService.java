package com.saleskpi.target;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of targets, within the caller's scope (CrudService). */
@Singleton
public class TargetService extends CrudService<Target> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "targets";

    public TargetService(CrudSupport support) {
        super(Target.class, "target", COLLECTION, support);
    }
}
