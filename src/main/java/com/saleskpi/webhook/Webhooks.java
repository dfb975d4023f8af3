package com.saleskpi.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the webhooks API reads and answers. */
public final class Webhooks {

    private Webhooks() {
    }

    @Schema(name = "WebhookEndpointInput", description = "An endpoint to deliver events to")
    public record EndpointInput(
            @Schema(required = true, maxLength = 2000, description = "http or https URL the events are POSTed to; on a public address unless"
                    + " WEBHOOK_ALLOW_PRIVATE_TARGETS=true", example = "https://crm.example.com/hooks/sales") String url,
            @Schema(required = true, minItems = 1, description = "The events to deliver (GET /api/v1/webhooks/events), e.g. opportunity.created")
            List<String> events,
            @Schema(type = SchemaType.OBJECT, nullable = true, description = "Only records whose fields contain these values (JSON"
                    + " containment on the record as delivered), e.g. {\"stage\": \"CLOSED_WON\"}") Map<String, Object> filter,
            @Schema(nullable = true, maxLength = 500) String description,
            @Schema(nullable = true, description = "false to pause deliveries; true when left out") Boolean enabled) {
    }

    @Schema(name = "WebhookEndpoint", description = "A registered endpoint; its secret is shown once, in the answer to its creation")
    public record Endpoint(@Schema(required = true) UUID id, @Schema(required = true) String url, @Schema(required = true) List<String> events,
            @Schema(type = SchemaType.OBJECT, nullable = true) Map<String, Object> filter,
            @Schema(nullable = true) String description,
            @Schema(required = true) boolean enabled,
            @Schema(nullable = true, description = "whsec_ and the base64 of the signing key's bytes (Standard Webhooks): only in the"
                    + " answer to the creation") String secret,
            @Schema(required = true) Instant createdAt) {
    }

    public enum DeliveryStatus { PENDING, DELIVERED, DEAD }

    @Schema(name = "WebhookDelivery", description = "One event for one endpoint: its payload, and how its delivery went")
    public record Delivery(@Schema(required = true) long id,
            @Schema(required = true, description = "webhook-id: the same on every attempt, for the receiver to drop duplicates") UUID eventId,
            @Schema(required = true) String type,
            @Schema(nullable = true) UUID recordId,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) DeliveryStatus status,
            @Schema(required = true) int attempts,
            @Schema(nullable = true, description = "When the next attempt is due (PENDING)") Instant nextAttemptAt,
            @Schema(nullable = true, description = "The HTTP status of the last attempt") Integer lastStatus,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true) Instant deliveredAt,
            @Schema(type = SchemaType.OBJECT, required = true, description = "The body delivered: type, timestamp and data (the record)")
            Object payload) {
    }
}
