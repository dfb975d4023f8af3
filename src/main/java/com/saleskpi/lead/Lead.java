package com.saleskpi.lead;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;

import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "ownerRepId", territory = "territoryId", placedWithRep = true, writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "lead")
@Schema(description = "A lead and its lifecycle: LEAD > MQL > SQL > OPPORTUNITY > CUSTOMER (or DISQUALIFIED), with the time each stage was reached")
public class Lead extends AuditedEntity {

    public enum LeadSource { WEB, REFERRAL, EVENT, OUTBOUND, PARTNER, CAMPAIGN, OTHER }

    public enum LifecycleStage { LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, DISQUALIFIED }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotBlank
    @Size(max = 200)
    @Column(name = "full_name")
    public String fullName;

    @Size(max = 200)
    public String company;

    @Email
    @Size(max = 320)
    public String email;

    @NotNull
    @Enumerated(EnumType.STRING)
    public LeadSource source;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "territory_id")
    public UUID territoryId;

    @Column(name = "owner_rep_id")
    public UUID ownerRepId;

    @Column(name = "account_id")
    @Schema(description = "The account the lead belongs to or was converted into")
    public UUID accountId;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Schema(description = "Current stage; when it moves to a stage whose timestamp is empty, the service stamps it with the current time")
    public LifecycleStage stage;

    @NotNull
    @Column(name = "received_at")
    @Schema(description = "When the lead came in")
    public Instant receivedAt;

    @Column(name = "mql_at")
    public Instant mqlAt;

    @Column(name = "sql_at")
    public Instant sqlAt;

    @Column(name = "opportunity_at")
    public Instant opportunityAt;

    @Column(name = "customer_at")
    public Instant customerAt;

    @Column(name = "disqualified_at")
    public Instant disqualifiedAt;

    @Column(name = "first_response_at")
    @Schema(description = "First time a rep responded to the lead")
    public Instant firstResponseAt;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be before receivedAt")
    private boolean isValidFirstResponseAt() {
        return firstResponseAt == null || receivedAt == null || !firstResponseAt.isBefore(receivedAt);
    }

    /** Stamps the time the current stage was reached, if the client did not give it. */
    void stampStage(Instant now) {
        switch (stage) {
            case MQL -> mqlAt = mqlAt == null ? now : mqlAt;
            case SQL -> sqlAt = sqlAt == null ? now : sqlAt;
            case OPPORTUNITY -> opportunityAt = opportunityAt == null ? now : opportunityAt;
            case CUSTOMER -> customerAt = customerAt == null ? now : customerAt;
            case DISQUALIFIED -> disqualifiedAt = disqualifiedAt == null ? now : disqualifiedAt;
            case LEAD -> { }
        }
    }
}
