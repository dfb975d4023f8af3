package com.saleskpi.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.IdempotencyKeys;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.database.PooledStatements;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

/** Registers endpoints and answers their delivery logs; the dispatcher (WebhookDispatcher) sends. */
@Singleton
public class WebhookService {

    private static final String ENDPOINT_COLUMNS = "id, url, events, filter::text, description, enabled, created_at";
    private static final String DELIVERY_COLUMNS = "id, event_id, type, record_id, occurred_at, status, attempts, next_attempt_at, last_status,"
            + " last_error, delivered_at, payload::text";
    static final int MAX_URL = 2000;

    private final Pool pool;
    private final WebhookOutbox outbox;
    private final WebhookSettings settings;
    private final ObjectMapper json;

    public WebhookService(Pool pool, WebhookOutbox outbox, WebhookSettings settings, ObjectMapper json) {
        this.pool = pool;
        this.outbox = outbox;
        this.settings = settings;
        this.json = json;
    }

    public Uni<IdempotencyKeys.Outcome<Webhooks.Endpoint>> register(Webhooks.EndpointInput input, String by, String idempotencyKey) {
        if (input == null) {
            throw ProblemException.invalidField("body", "must be an endpoint: url and events");
        }
        if (input.url() == null || input.url().isBlank() || input.url().length() > MAX_URL) {
            throw ProblemException.invalidField("url", "is required, at most " + MAX_URL + " characters");
        }
        if (input.events() == null || input.events().isEmpty()) {
            throw ProblemException.invalidField("events", "must name at least one event (GET /api/v1/webhooks/events)");
        }
        for (String event : input.events()) {
            if (!outbox.events().contains(event)) {
                throw ProblemException.invalidField("events", "has '" + event + "', which is no event (GET /api/v1/webhooks/events)");
            }
        }
        if (input.description() != null && input.description().length() > 500) {
            throw ProblemException.invalidField("description", "must be at most 500 characters");
        }
        // resolving the host blocks: off the event loop, and back on the request's context for its transaction
        io.vertx.core.Context request = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().item(() -> WebhookTargets.refusal(input.url(), settings.allowPrivateTargets()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> request.runOnContext(ignored -> command.run()))
                .chain(refusal -> {
                    if (refusal != null) {
                        return Uni.createFrom().failure(ProblemException.invalidField("url", refusal));
                    }
                    return Panache.withTransaction(() -> IdempotencyKeys.once(by, idempotencyKey, input, json, Webhooks.Endpoint.class,
                            created -> created.id().toString(), () -> insert(input, by)));
                });
    }

    private Uni<Webhooks.Endpoint> insert(Webhooks.EndpointInput input, String by) {
        Webhooks.Endpoint endpoint = new Webhooks.Endpoint(UUID.randomUUID(), input.url(), input.events().stream().distinct().toList(),
                input.filter(), input.description(), input.enabled() == null || input.enabled(), WebhookSignatures.newSecret(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into webhook_endpoint (id, url, events, filter,"
                + " description, secret, enabled, created_by, created_at, updated_at) values (?1, ?2, cast(cast(?3 as text) as text[]), cast(cast(?4 as text) as jsonb), ?5,"
                + " ?6, ?7, ?8, ?9, ?9)").setParameter(1, endpoint.id()).setParameter(2, endpoint.url())
                .setParameter(3, "{" + String.join(",", endpoint.events().stream().map(e -> '"' + e + '"').toList()) + "}")
                .setParameter(4, write(endpoint.filter())).setParameter(5, endpoint.description()).setParameter(6, endpoint.secret())
                .setParameter(7, endpoint.enabled()).setParameter(8, by).setParameter(9, java.time.OffsetDateTime.ofInstant(endpoint.createdAt(),
                        java.time.ZoneOffset.UTC)).executeUpdate()).replaceWith(endpoint);
    }

    public Uni<List<Webhooks.Endpoint>> endpoints() {
        return PooledStatements.execute(pool, "select " + ENDPOINT_COLUMNS + " from webhook_endpoint order by created_at, id").map(rows -> {
            List<Webhooks.Endpoint> all = new ArrayList<>();
            rows.forEach(row -> all.add(endpoint(row, null)));
            return all;
        });
    }

    public Uni<Webhooks.Endpoint> endpoint(UUID id) {
        return PooledStatements.execute(pool, "select " + ENDPOINT_COLUMNS + " from webhook_endpoint where id = $1", Tuple.of(id))
                .map(rows -> endpoint(one(rows, "webhook endpoint"), null));
    }

    public Uni<Void> delete(UUID id) {
        return PooledStatements.execute(pool, "delete from webhook_endpoint where id = $1 returning id", Tuple.of(id))
                .invoke(rows -> one(rows, "webhook endpoint")).replaceWithVoid();
    }

    /** An endpoint's deliveries, newest first, before a delivery id (the next page), optionally of one status. */
    public Uni<List<Webhooks.Delivery>> deliveries(UUID endpoint, Webhooks.DeliveryStatus status, Long before, int limit) {
        return endpoint(endpoint).chain(found -> PooledStatements.execute(pool, "select " + DELIVERY_COLUMNS + " from webhook_delivery"
                + " where endpoint_id = $1 and ($2::text is null or status = $2) and ($3::bigint is null or id < $3) order by id desc limit $4",
                Tuple.from(java.util.Arrays.asList(endpoint, status == null ? null : status.name(), before, limit))).map(rows -> {
                    List<Webhooks.Delivery> page = new ArrayList<>();
                    rows.forEach(row -> page.add(delivery(row)));
                    return page;
                }));
    }

    /** Sends a delivery again (a dead letter, or one already delivered): due now, its attempts counted afresh. */
    public Uni<Webhooks.Delivery> redeliver(UUID endpoint, long delivery) {
        return PooledStatements.execute(pool, "update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(),"
                + " last_error = null where endpoint_id = $1 and id = $2 returning " + DELIVERY_COLUMNS, Tuple.of(endpoint, delivery))
                .map(rows -> delivery(one(rows, "webhook delivery")));
    }

    private static Row one(io.vertx.mutiny.sqlclient.RowSet<Row> rows, String what) {
        if (rows.rowCount() == 0) {
            throw ProblemException.notFound(what);
        }
        return rows.iterator().next();
    }

    private Webhooks.Endpoint endpoint(Row row, String secret) {
        return new Webhooks.Endpoint(row.getUUID(0), row.getString(1), List.of(row.getArrayOfStrings(2)), read(row.getString(3)),
                row.getString(4), row.getBoolean(5), secret, instant(row.getOffsetDateTime(6)));
    }

    private Webhooks.Delivery delivery(Row row) {
        return new Webhooks.Delivery(row.getLong(0), row.getUUID(1), row.getString(2), row.getUUID(3), instant(row.getOffsetDateTime(4)),
                Webhooks.DeliveryStatus.valueOf(row.getString(5)), row.getInteger(6),
                "PENDING".equals(row.getString(5)) ? instant(row.getOffsetDateTime(7)) : null, row.getInteger(8), row.getString(9),
                instant(row.getOffsetDateTime(10)), read(row.getString(11)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private String write(Map<String, Object> filter) {
        try {
            return filter == null ? null : json.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("filter", "must be a JSON object");
        }
    }

    private Map<String, Object> read(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored webhook filter or payload that is not JSON", e);
        }
    }
}
