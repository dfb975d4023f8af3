package com.saleskpi.opportunity;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of a deal's stage history, written by the service, never by clients. */
@Entity
@Table(name = "opportunity_stage_change")
public class OpportunityStageChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "opportunity_id", nullable = false)
    public UUID opportunityId;

    @Enumerated(EnumType.STRING)
    public Opportunity.DealStage stage;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    @Column(name = "changed_by")
    public String changedBy;

    static OpportunityStageChange of(Opportunity deal) {
        OpportunityStageChange change = new OpportunityStageChange();
        change.opportunityId = deal.id;
        change.stage = deal.stage;
        change.enteredAt = Instant.now();
        change.changedBy = deal.updatedBy;
        return change;
    }
}
