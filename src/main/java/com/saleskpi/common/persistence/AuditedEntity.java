package com.saleskpi.common.persistence;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.annotations.UuidGenerator;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * Identity, audit trail and optimistic-lock version shared by every stored sales record.
 * These fields are managed by the service: clients read them but never set them.
 */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    /** Time-ordered (UUIDv7), so that the default sort by id is also creation order. */
    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true)
    public UUID id;

    /** Row version; also the entity tag (ETag) of the record. */
    @Version
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true)
    public long version;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true)
    public Instant updatedAt;

    @Column(name = "created_by", updatable = false)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true, description = "Subject of the token that created the record")
    public String createdBy;

    @Column(name = "updated_by")
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true, description = "Subject of the token that last changed the record")
    public String updatedBy;

    /** A new record's audit trail, for inserts that bypass Hibernate's timestamp generators (set-based ones). */
    public void stampNew(String actor, Instant now) {
        createdBy = actor;
        updatedBy = actor;
        createdAt = now;
        updatedAt = now;
    }

    /** Carries the server-managed fields of the stored record over to a replacement built from a request body. */
    public void takeIdentityFrom(AuditedEntity stored) {
        id = stored.id;
        version = stored.version;
        createdAt = stored.createdAt;
        createdBy = stored.createdBy;
        updatedAt = stored.updatedAt;
        updatedBy = stored.updatedBy;
    }
}
