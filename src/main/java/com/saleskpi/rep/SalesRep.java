package com.saleskpi.rep;

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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "id", team = "teamId", writers = Role.ADMIN)
@Table(name = "sales_rep")
@Schema(description = "A member of the sales organisation")
public class SalesRep extends AuditedEntity {

    public enum RepRole { ACCOUNT_EXECUTIVE, BDR, SDR, ACCOUNT_MANAGER, FIELD_REP, SALES_MANAGER }

    @Size(max = 255)
    @Column(name = "external_id")
    @Schema(description = "Identity of the rep at the OIDC provider (by default the token's subject)")
    public String externalId;

    @NotBlank
    @Email
    @Size(max = 320)
    public String email;

    @NotBlank
    @Size(max = 200)
    @Column(name = "full_name")
    public String fullName;

    @NotNull
    @Enumerated(EnumType.STRING)
    public RepRole role;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "territory_id")
    public UUID territoryId;

    @NotNull
    @Column(name = "hire_date")
    public LocalDate hireDate;

    @Column(name = "leave_date")
    @Schema(description = "Last day with the company; empty while employed")
    public LocalDate leaveDate;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be before hireDate")
    private boolean isValidLeaveDate() {
        return leaveDate == null || hireDate == null || !leaveDate.isBefore(hireDate);
    }
}
