package com.saleskpi.commission;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.PeriodRecord;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * How a rep is paid on what they close in a period: a base rate on closed won, and up to two accelerators, each a higher
 * rate on what is won beyond a share of the rep's BOOKINGS quota (their REP targets within the period). The KPIs
 * commission_earned and projected_commission compute it.
 */
@Entity
@Owned(rep = "repId", writers = { Role.ADMIN })
@Table(name = "commission_plan")
@Schema(description = "A rep's commission plan for a period: a base rate on closed won, and accelerators above shares of the rep's"
        + " BOOKINGS quota. Example: base 5 %, 8 % beyond 100 % of quota, 12 % beyond 150 %")
public class CommissionPlan extends PeriodRecord {

    private static final String RATE = "A share of the amount, 0 to 1 (0.05 is 5 %)";
    private static final String AT = "Quota attainment beyond which the accelerator's rate applies to what is won (1 is 100 % of quota)";

    @Size(max = 100)
    @Column(name = "external_ref")
    @Schema(description = "The key a bulk import recognises the plan by")
    public String externalRef;

    @NotNull
    @Column(name = "rep_id")
    public UUID repId;

    @NotNull
    @DecimalMin("0")
    @DecimalMax("1")
    @Digits(integer = 1, fraction = 6)
    @Column(name = "base_rate")
    @Schema(description = "Rate on closed won up to the first accelerator (on all of it without one). " + RATE)
    public BigDecimal baseRate;

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("100")
    @Digits(integer = 3, fraction = 4)
    @Column(name = "first_accelerator_at")
    @Schema(description = AT + "; with firstAcceleratorRate")
    public BigDecimal firstAcceleratorAt;

    @DecimalMin("0")
    @DecimalMax("1")
    @Digits(integer = 1, fraction = 6)
    @Column(name = "first_accelerator_rate")
    @Schema(description = RATE)
    public BigDecimal firstAcceleratorRate;

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("100")
    @Digits(integer = 3, fraction = 4)
    @Column(name = "second_accelerator_at")
    @Schema(description = AT + ", above firstAcceleratorAt; with secondAcceleratorRate")
    public BigDecimal secondAcceleratorAt;

    @DecimalMin("0")
    @DecimalMax("1")
    @Digits(integer = 1, fraction = 6)
    @Column(name = "second_accelerator_rate")
    @Schema(description = RATE)
    public BigDecimal secondAcceleratorRate;

    @Schema(hidden = true)
    @AssertTrue(message = "comes with firstAcceleratorRate: both or neither")
    private boolean isValidFirstAcceleratorAt() {
        return (firstAcceleratorAt == null) == (firstAcceleratorRate == null);
    }

    @Schema(hidden = true)
    @AssertTrue(message = "comes with secondAcceleratorRate, after a first accelerator and above its firstAcceleratorAt")
    private boolean isValidSecondAcceleratorAt() {
        return secondAcceleratorAt == null && secondAcceleratorRate == null || secondAcceleratorAt != null && secondAcceleratorRate != null
                && firstAcceleratorAt != null && secondAcceleratorAt.compareTo(firstAcceleratorAt) > 0;
    }
}
