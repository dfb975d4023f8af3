package com.saleskpi.team;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;

import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Entity
@Owned(team = "id", writers = Role.ADMIN)
@Table(name = "team")
@Schema(description = "A sales team; teams nest (a manager of a parent team oversees its sub-teams)")
public class Team extends AuditedEntity {

    @NotBlank
    @Size(max = 200)
    public String name;

    @Column(name = "parent_id")
    @Schema(description = "Parent team, for team hierarchies")
    public UUID parentId;

    @Column(name = "manager_id")
    @Schema(description = "Sales rep who manages the team")
    public UUID managerId;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be the team itself")
    private boolean isValidParentId() {
        return parentId == null || !parentId.equals(id);
    }
}
