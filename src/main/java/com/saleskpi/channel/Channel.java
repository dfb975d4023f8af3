package com.saleskpi.channel;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;

import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Entity
@Owned(writers = Role.ADMIN)
@Table(name = "channel")
@Schema(description = "A sales channel: field, store, online, partner, inside sales")
public class Channel extends AuditedEntity {

    public enum ChannelType { FIELD, STORE, ONLINE, PARTNER, INSIDE_SALES }

    @NotBlank
    @Size(max = 40)
    public String code;

    @NotBlank
    @Size(max = 200)
    public String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    public ChannelType type;
}
