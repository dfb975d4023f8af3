package com.saleskpi.common.persistence;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** A record about a period of days (a target, a commission plan, a market size): its first and last day, in that order. */
@MappedSuperclass
public abstract class PeriodRecord extends AuditedEntity {

    @NotNull
    @Column(name = "period_start")
    public LocalDate periodStart;

    @NotNull
    @Column(name = "period_end")
    @Schema(description = "Last day of the period (inclusive)")
    public LocalDate periodEnd;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be before periodStart")
    private boolean isValidPeriodEnd() {
        return periodEnd == null || periodStart == null || !periodEnd.isBefore(periodStart);
    }
}
