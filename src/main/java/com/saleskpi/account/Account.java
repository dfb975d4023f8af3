package com.saleskpi.account;

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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "ownerRepId", writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "account")
@Schema(description = "A customer account (a prospect until acquiredOn is set)")
public class Account extends AuditedEntity {

    public enum Segment { ENTERPRISE, MID_MARKET, SMB, CONSUMER }

    @Size(max = 100)
    @Column(name = "external_ref")
    @Schema(description = "Identifier in the system the account came from (CRM, ERP); unique")
    public String externalRef;

    @NotBlank
    @Size(max = 200)
    public String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    public Segment segment;

    @Size(max = 100)
    public String industry;

    @Column(name = "territory_id")
    public UUID territoryId;

    @Column(name = "owner_rep_id")
    public UUID ownerRepId;

    @Column(name = "acquired_on")
    @Schema(description = "Day the account became a customer (first purchase)")
    public LocalDate acquiredOn;

    @Column(name = "churned_on")
    @Schema(description = "Day the customer was lost; empty while a customer")
    public LocalDate churnedOn;

    @Schema(hidden = true)
    @AssertTrue(message = "needs acquiredOn and must not be before it")
    private boolean isValidChurnedOn() {
        return churnedOn == null || acquiredOn != null && !churnedOn.isBefore(acquiredOn);
    }
}
