package com.saleskpi.opportunity;

import java.util.List;
import java.util.UUID;

import com.saleskpi.common.crud.CrudService;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Deals, with their stage history kept in step: every create and every change of stage adds an entry. */
@Singleton
public class OpportunityService extends CrudService<Opportunity> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "opportunities";

    public OpportunityService(CrudSupport support) {
        super(Opportunity.class, "opportunity", COLLECTION, support);
    }

    @Override
    protected List<OpportunityStageChange> writtenWith(Opportunity previous, Opportunity saved) {
        return previous == null || previous.stage != saved.stage ? List.of(OpportunityStageChange.of(saved)) : List.of();
    }

    public Uni<List<OpportunityStageChange>> stageHistory(UUID opportunityId) {
        return get(opportunityId).chain(deal -> Panache.withSession(() -> OpportunityStageChange
                .<OpportunityStageChange>list("opportunityId = ?1 order by enteredAt, id", deal.id)));
    }
}
