package com.saleskpi.lead;

import java.time.Instant;

import com.saleskpi.common.crud.CrudService;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.RowAccess;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

@Singleton
public class LeadService extends CrudService<Lead> {

    public LeadService(LeadRepository repository, CrudSupport support) {
        super(repository, Lead.class, "lead", RowAccess.owned("ownerRepId", null, Role.ADMIN, Role.MANAGER, Role.REP), support);
    }

    @Override
    protected Uni<Void> beforeSave(Lead previous, Lead next) {
        next.stampStage(Instant.now());
        return Uni.createFrom().voidItem();
    }
}
