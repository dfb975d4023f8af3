package com.saleskpi.territory;

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
@Owned(writers = Role.ADMIN)
@Table(name = "territory")
@Schema(description = "A sales territory: region > country > area")
public class Territory extends AuditedEntity {

    public enum TerritoryLevel { REGION, COUNTRY, AREA }

    @Column(name = "parent_id")
    @Schema(description = "The territory this one belongs to (a country's region, an area's country)")
    public UUID parentId;

    @NotNull
    @Enumerated(EnumType.STRING)
    public TerritoryLevel level;

    @NotBlank
    @Size(max = 40)
    @Schema(description = "Unique short code, e.g. EMEA, DE, DE-BY")
    public String code;

    @NotBlank
    @Size(max = 200)
    public String name;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be the territory itself")
    private boolean isValidParentId() {
        return parentId == null || !parentId.equals(id);
    }
}
