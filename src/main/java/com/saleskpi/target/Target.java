package com.saleskpi.target;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.PeriodRecord;

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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "repId", team = "teamId", readByTeamReps = true, writers = { Role.ADMIN, Role.MANAGER })
@Table(name = "target")
@Schema(description = "A target or quota: a value of a metric or of any KPI for a rep, team, territory or the company over a period")
public class Target extends PeriodRecord {

    public enum TargetScope { REP, TEAM, TERRITORY, COMPANY }

    public enum TargetMetric { REVENUE, BOOKINGS, DEALS_WON, NEW_ACCOUNTS, ACTIVITIES, NEW_LEADS }

    @NotNull
    @Enumerated(EnumType.STRING)
    @Schema(description = "Whose target: REP needs repId, TEAM teamId, TERRITORY territoryId, COMPANY none of them")
    public TargetScope scope;

    @Column(name = "rep_id")
    public UUID repId;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "territory_id")
    public UUID territoryId;

    @Enumerated(EnumType.STRING)
    @Schema(description = "What the target is for: one of these metrics (the target_attainment_* KPIs), or kpi, or customKpiId")
    public TargetMetric metric;

    @Size(max = 63)
    @Schema(description = "A built-in KPI of the catalogue the target is for, by name (its snapshot then answers target and"
            + " attainment); instead of metric")
    public String kpi;

    @Column(name = "custom_kpi_id")
    @Schema(description = "A KPI defined through the API the target is for; instead of metric")
    public UUID customKpiId;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    public BigDecimal value;

    @Schema(hidden = true)
    @AssertTrue(message = "names what the target is for: exactly one of metric, kpi and customKpiId")
    private boolean isValidKpi() {
        return (metric != null ? 1 : 0) + (kpi != null ? 1 : 0) + (customKpiId != null ? 1 : 0) == 1;
    }

    @Schema(hidden = true)
    @AssertTrue(message = "needs exactly the reference it names: REP repId, TEAM teamId, TERRITORY territoryId, COMPANY none")
    private boolean isValidScope() {
        return scope == null || (repId != null) == (scope == TargetScope.REP)
                && (teamId != null) == (scope == TargetScope.TEAM)
                && (territoryId != null) == (scope == TargetScope.TERRITORY);
    }
}
