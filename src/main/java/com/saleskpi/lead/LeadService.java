package com.saleskpi.lead;

import java.time.Instant;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

@Singleton
public class LeadService extends CrudService<Lead> {

    public LeadService(LeadRepository repository, CrudSupport support) {
        super(repository, Lead.class, "lead", support);
    }

    @Override
    protected void beforeSave(Lead previous, Lead next) {
        next.stampStage(Instant.now());
    }
}
