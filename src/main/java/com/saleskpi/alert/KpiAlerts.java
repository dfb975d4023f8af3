package com.saleskpi.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.kpi.Comparison;
import com.saleskpi.kpi.KpiFilter;
import com.saleskpi.kpi.KpiPeriod;

/** What the KPI alerts API reads and answers. */
public final class KpiAlerts {

    private KpiAlerts() {
    }

    /** When a rule's condition holds. */
    public enum Condition {
        /** The value is above the threshold. */
        ABOVE,
        /** The value is below the threshold. */
        BELOW,
        /** The value is on the other side of the threshold than it was (either way). */
        CROSSES,
        /** The value differs from the comparison period's by more than threshold percent (either way). */
        CHANGE_BEYOND
    }

    @Schema(name = "KpiAlertRuleInput", description = "A rule that fires when a KPI crosses a threshold or changes beyond a percentage")
    public record RuleInput(@Schema(required = true, maxLength = 200) String name,
            @Schema(required = true, description = "A KPI of the catalogue, built-in or defined through the API") String kpi,
            @Schema(nullable = true, description = "As a KPI query's filter") KpiFilter filter,
            @Schema(required = true, description = "As a KPI query's period; a preset (THIS_QUARTER...) moves with time") KpiPeriod period,
            @Schema(required = true) Condition condition,
            @Schema(required = true, description = "In the KPI's unit (a RATIO as 0.25); for CHANGE_BEYOND, a percentage") BigDecimal threshold,
            @Schema(nullable = true, description = "The period CHANGE_BEYOND compares with (PREVIOUS_PERIOD when left out)") Comparison compareTo,
            @Schema(nullable = true, minimum = "0", description = "After firing, the rule stays quiet this long (seconds; 3600 when left"
                    + " out)") Integer cooldownSeconds) {
    }

    @Schema(name = "KpiAlertRule", description = "A rule, with the state it was last found in")
    public record Rule(@Schema(required = true) UUID id, @Schema(required = true) String name, @Schema(required = true) String kpi,
            @Schema(type = SchemaType.OBJECT, nullable = true) Object filter, @Schema(type = SchemaType.OBJECT, required = true) Object period,
            @Schema(required = true) Condition condition, @Schema(required = true) BigDecimal threshold,
            @Schema(nullable = true) Comparison compareTo, @Schema(required = true) int cooldownSeconds,
            @Schema(nullable = true, description = "MET or NOT_MET (ABOVE, BELOW, CROSSES' side for CROSSES) at the last evaluation")
            String state,
            @Schema(nullable = true, description = "The KPI's value (the change in percent for CHANGE_BEYOND) at the last evaluation")
            BigDecimal value,
            @Schema(nullable = true) Instant evaluatedAt, @Schema(nullable = true) Instant lastFiredAt,
            @Schema(required = true) Instant createdAt) {
    }

    @Type("KpiAlert")
    @Schema(name = "KpiAlert", description = "A rule that fired: what it saw")
    @Description("A KPI alert rule that fired: what it saw")
    public record Firing(@NonNull @Schema(required = true) long id, @NonNull @Schema(required = true) UUID ruleId,
            @NonNull @Schema(required = true) String ruleName, @NonNull @Schema(required = true) String kpi,
            @NonNull @Schema(required = true) Condition condition, @NonNull @Schema(required = true) BigDecimal threshold,
            @Schema(nullable = true) BigDecimal value, @Schema(nullable = true) BigDecimal previousValue,
            @NonNull @Schema(required = true) String state, @NonNull @Schema(required = true) Instant firedAt) {
    }
}
