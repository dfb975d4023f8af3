package com.saleskpi.opportunity;

import java.util.List;
import java.util.UUID;

import com.saleskpi.common.crud.CrudService;

import io.quarkus.hibernate.reactive.panache.Panache;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.security.CallerScope;

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

    /**
     * Closing a deal puts it back in its stage's forecast category; an owner's category on a deal already closed is
     * refused (422), as the deal's category is then its stage's.
     */
    @Override
    protected void beforeSave(Opportunity previous, Opportunity next, CallerScope scope) {
        if (next.stage != null && next.stage.isClosed() && next.forecastCategorySource == Opportunity.ForecastCategorySource.OWNER) {
            if (previous != null && previous.stage.isClosed()) {
                throw ProblemException.invalidField("forecastCategory", "a closed deal is in its stage's category: the owner sets one"
                        + " only on an open deal");
            }
            next.forecastCategorySource = Opportunity.ForecastCategorySource.STAGE;
        }
    }

    /** A row that leaves the forecast category to the stage keeps the stored one while the stage stays the same. */
    @Override
    protected void keepDerived(Opportunity stored, Opportunity candidate) {
        if (candidate.forecastCategorySource != Opportunity.ForecastCategorySource.OWNER && candidate.stage == stored.stage
                && stored.forecastCategorySource == Opportunity.ForecastCategorySource.STAGE) {
            candidate.forecastCategorySource = Opportunity.ForecastCategorySource.STAGE;
            candidate.forecastCategory = stored.forecastCategory;
        }
    }

    /** The forecast category is the database's (R__forecast_categories.sql): read back what it set. */
    @Override
    protected Uni<Void> afterWrite(Opportunity saved) {
        return store.session().chain(session -> session.refresh(saved));
    }

    public Uni<List<OpportunityStageChange>> stageHistory(UUID opportunityId) {
        return get(opportunityId).chain(deal -> Panache.withSession(() -> OpportunityStageChange
                .<OpportunityStageChange>list("opportunityId = ?1 order by enteredAt, id", deal.id)));
    }
}
