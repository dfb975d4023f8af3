package com.saleskpi.activity;

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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "repId", writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "activity")
@Schema(description = "A sales touch: call, email, meeting, demo, proposal, visit or social interaction, with its outcome")
public class Activity extends AuditedEntity {

    public enum ActivityType { CALL, EMAIL, MEETING, DEMO, PROPOSAL, VISIT, SOCIAL }

    public enum ActivityOutcome { SENT, OPENED, REPLIED, POSITIVE, NEGATIVE, NO_ANSWER, ACCEPTED, DECLINED, HELD, NO_SHOW }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotNull
    @Enumerated(EnumType.STRING)
    public ActivityType type;

    @NotNull(groups = Owned.Given.class)
    @Column(name = "rep_id")
    @Schema(description = "The rep who did it; a rep's or manager's own rep when left out (admins name it)")
    public UUID repId;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "opportunity_id")
    public UUID opportunityId;

    @NotNull
    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    public ActivityOutcome outcome;

    @Min(0)
    @Max(1440)
    @Column(name = "duration_minutes")
    public Integer durationMinutes;

    @Size(max = 500)
    public String subject;
}
