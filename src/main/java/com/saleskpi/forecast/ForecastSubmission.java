package com.saleskpi.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.kpi.ForecastPeriod;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One version of a forecast call: what a rep expects to have closed won in a period (their commit and best case), or
 * what a manager expects of a team they manage, or a manager's adjustment of a subordinate's call. Never changed: a
 * correction is a new version, and the latest version of a subject (a rep, or a team) is its call.
 */
@Entity
@Owned(rep = "repId", team = "teamId", writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "forecast_submission")
@Schema(description = "A forecast call of a rep or a team for a month or fiscal quarter, or a manager's adjustment of one;"
        + " immutable (a correction is a new submission)")
public class ForecastSubmission extends AuditedEntity {

    @Size(max = 100)
    @Column(name = "external_ref")
    @Schema(description = "The key a bulk import recognises the submission by (a re-sent file stores nothing twice)")
    public String externalRef;

    @NotNull
    @Pattern(regexp = ForecastPeriod.PATTERN, message = "must name a month (2026-11) or a fiscal quarter (FY2027-Q1)")
    @Schema(description = "A month (2026-11) or a quarter of the fiscal calendar (FY2027-Q1: the fiscal year is named by the"
            + " calendar year it ends in); not one that had ended when the submission was made", examples = "FY2027-Q1")
    public String period;

    @Column(name = "period_start")
    @Schema(readOnly = true, description = "First day of the period")
    public LocalDate periodStart;

    @Column(name = "period_end")
    @Schema(readOnly = true, description = "Last day of the period")
    public LocalDate periodEnd;

    @Column(name = "rep_id")
    @Schema(description = "The rep whose call this is (exactly one of repId and teamId)")
    public UUID repId;

    @Column(name = "team_id")
    @Schema(description = "The team whose call this is, made by its manager or adjusted by a manager above (exactly one of repId and teamId)")
    public UUID teamId;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    @Column(name = "commit_amount")
    @Schema(description = "Closed won expected in the period, deals already won included")
    public BigDecimal commitAmount;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    @Column(name = "best_case_amount")
    @Schema(description = "Closed won expected in the period if the best-case deals close too; at least commitAmount")
    public BigDecimal bestCaseAmount;

    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    @Schema(description = "Currency of the amounts; the reporting currency when left out. Converted at the rates of the"
            + " submission's day")
    public String currency;

    @Size(max = 2000)
    @Schema(description = "Why: required on an adjustment")
    public String note;

    @Column(name = "submitted_at")
    @Schema(description = "When the call was made: the server's clock, except for admins importing past submissions")
    public Instant submittedAt;

    @Column(name = "submitted_by_rep_id")
    @Schema(description = "The rep (or manager) who made the submission: the caller's rep, except for admins importing past"
            + " submissions; none for an admin's own")
    public UUID submittedByRepId;

    @Schema(readOnly = true, description = "Whether someone other than the subject made it (a manager's adjustment): the"
            + " subject of a rep's call is the rep, of a team's call the team's manager")
    public boolean adjustment;

    @Schema(hidden = true)
    @AssertTrue(message = "must be at least commitAmount")
    private boolean isValidBestCaseAmount() {
        return bestCaseAmount == null || commitAmount == null || bestCaseAmount.compareTo(commitAmount) >= 0;
    }

    @Schema(hidden = true)
    @AssertTrue(message = "exactly one of repId and teamId names whose call this is")
    private boolean isValidRepId() {
        return (repId == null) != (teamId == null);
    }
}
