package com.saleskpi.campaign;

import java.time.LocalDate;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(writers = Role.ADMIN)
@Table(name = "campaign")
@Schema(description = "A marketing campaign; its spend is recorded as cost entries, its leads name it")
public class Campaign extends AuditedEntity {

    @NotBlank
    @Size(max = 200)
    public String name;

    @Column(name = "channel_id")
    public UUID channelId;

    @NotNull
    @Column(name = "starts_on")
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Schema(hidden = true)
    @AssertTrue(message = "must not be before startsOn")
    private boolean isValidEndsOn() {
        return endsOn == null || startsOn == null || !endsOn.isBefore(startsOn);
    }
}
