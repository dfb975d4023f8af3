package com.saleskpi.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
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
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "ownerRepId", team = "teamId", territory = "territoryId", placedWithRep = true, history = "opportunity_version",
        writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "opportunity")
@Schema(description = "A deal in the pipeline; CLOSED_WON and CLOSED_LOST are its outcomes")
public class Opportunity extends AuditedEntity {

    public enum DealType { NEW_BUSINESS, UPSELL, CROSS_SELL, RENEWAL }

    /** Where a deal stands in the forecast. */
    public enum ForecastCategory { PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED }

    /** Whether the category follows the stage (the mapping admins set) or the deal's owner set it. */
    public enum ForecastCategorySource { STAGE, OWNER }

    public enum DealStage {
        PROSPECTING, QUALIFICATION, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST;

        public boolean isClosed() {
            return this == CLOSED_WON || this == CLOSED_LOST;
        }
    }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotBlank
    @Size(max = 200)
    public String name;

    @Column(name = "account_id")
    public UUID accountId;

    @NotNull(groups = Owned.Given.class)
    @Column(name = "owner_rep_id")
    @Schema(description = "The rep who owns the deal; a rep's or manager's own rep when left out (admins name it)")
    public UUID ownerRepId;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "territory_id")
    public UUID territoryId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "product_id")
    @Schema(description = "Main product of the deal")
    public UUID productId;

    @Column(name = "lead_id")
    @Schema(description = "The lead the deal came from")
    public UUID leadId;

    @NotNull
    @Enumerated(EnumType.STRING)
    public DealType type;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Schema(description = "Every change of stage is recorded in the deal's stage history")
    public DealStage stage;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    public BigDecimal amount;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @NotNull
    @Column(name = "opened_on")
    public LocalDate openedOn;

    @Column(name = "expected_close_on")
    public LocalDate expectedCloseOn;

    @Column(name = "closed_on")
    @Schema(description = "Day the deal was won or lost; required for, and only for, closed stages")
    public LocalDate closedOn;

    @Size(max = 500)
    @Column(name = "loss_reason")
    public String lossReason;

    @Size(max = 200)
    @Schema(description = "Main competitor in the deal")
    public String competitor;

    @Enumerated(EnumType.STRING)
    @Column(name = "forecast_category")
    @Schema(description = "Where the deal stands in the forecast: its stage's category (GET /api/v1/forecast-categories), unless"
            + " forecastCategorySource is OWNER; closing the deal puts it back in its stage's category")
    public ForecastCategory forecastCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "forecast_category_source")
    @Schema(description = "STAGE (when left out): the category follows the stage; OWNER: the deal's rep, manager or an admin set"
            + " forecastCategory, on an open deal")
    public ForecastCategorySource forecastCategorySource;

    @Schema(hidden = true)
    @AssertTrue(message = "is required for closed stages, not allowed for open ones, and must not be before openedOn")
    private boolean isValidClosedOn() {
        if (stage == null) {
            return true;
        }
        if (stage.isClosed() != (closedOn != null)) {
            return false;
        }
        return closedOn == null || openedOn == null || !closedOn.isBefore(openedOn);
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is required when the owner sets it (forecastCategorySource OWNER)")
    private boolean isValidForecastCategory() {
        return forecastCategorySource != ForecastCategorySource.OWNER || forecastCategory != null;
    }

    @Schema(hidden = true)
    @AssertTrue(message = "is only allowed when the stage is CLOSED_LOST")
    private boolean isValidLossReason() {
        return lossReason == null || stage == DealStage.CLOSED_LOST;
    }
}
