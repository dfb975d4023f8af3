package com.saleskpi.lead;

import java.time.Instant;

import com.saleskpi.common.crud.CrudService;
import com.saleskpi.security.CallerScope;

import jakarta.inject.Singleton;

@Singleton
public class LeadService extends CrudService<Lead> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "leads";

    public LeadService(CrudSupport support) {
        super(Lead.class, "lead", COLLECTION, support);
    }

    @Override
    protected void beforeSave(Lead previous, Lead next, CallerScope scope) {
        next.stampStage(Instant.now());
    }
}
