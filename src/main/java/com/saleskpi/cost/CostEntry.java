package com.saleskpi.cost;

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
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Entity
@Owned(team = "teamId", writers = { Role.ADMIN, Role.MANAGER })
@Table(name = "cost_entry")
@Schema(description = "Marketing or sales spend, by category, optionally for a campaign or a team")
public class CostEntry extends AuditedEntity {

    public enum CostKind { MARKETING, SALES }

    public enum CostCategory { ADVERTISING, EVENTS, CONTENT, TOOLS, SALARIES, COMMISSIONS, TRAVEL, OTHER }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotNull
    @Enumerated(EnumType.STRING)
    public CostKind kind;

    @NotNull
    @Enumerated(EnumType.STRING)
    public CostCategory category;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "team_id")
    public UUID teamId;

    @NotNull
    @Column(name = "incurred_on")
    public LocalDate incurredOn;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    public BigDecimal amount;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @Size(max = 500)
    public String description;
}
