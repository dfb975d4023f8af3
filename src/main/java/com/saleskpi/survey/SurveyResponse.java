package com.saleskpi.survey;

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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(account = "accountId", rep = "repId", writers = { Role.ADMIN, Role.MANAGER })
@Table(name = "survey_response")
@Schema(description = "An answer to an NPS (customer, 0-10), eNPS (employee, 0-10) or CSAT (customer, 1-5) survey")
public class SurveyResponse extends AuditedEntity {

    public enum SurveyType { NPS, ENPS, CSAT }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotNull
    @Enumerated(EnumType.STRING)
    public SurveyType survey;

    @NotNull
    public Integer score;

    @Column(name = "account_id")
    @Schema(description = "The customer who answered (NPS, CSAT)")
    public UUID accountId;

    @Column(name = "rep_id")
    @Schema(description = "The employee who answered (eNPS)")
    public UUID repId;

    @NotNull
    @Column(name = "responded_at")
    public Instant respondedAt;

    @Size(max = 2000)
    public String comment;

    @Schema(hidden = true)
    @AssertTrue(message = "must be 0-10 for NPS and eNPS, 1-5 for CSAT")
    private boolean isValidScore() {
        if (survey == null || score == null) {
            return true;
        }
        return survey == SurveyType.CSAT ? score >= 1 && score <= 5 : score >= 0 && score <= 10;
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is required for NPS and CSAT answers")
    private boolean isValidAccountId() {
        return survey == null || survey == SurveyType.ENPS || accountId != null;
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is required for eNPS answers")
    private boolean isValidRepId() {
        return survey != SurveyType.ENPS || repId != null;
    }
}
