package com.saleskpi.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.logging.Logger;

import com.saleskpi.database.Coalesced;
import com.saleskpi.database.DataVersions;
import com.saleskpi.database.PooledStatements;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Sends the deliveries the writing transactions left in webhook_delivery (the outbox), on every instance at once:
 * each instance claims due deliveries with FOR UPDATE SKIP LOCKED and leases them for the receiver's timeout, so an
 * instance that dies mid-send leaves them due again (at least once; a restart loses nothing). A delivery waits while an
 * earlier one of the same record for the same endpoint is owed: commit order per record. A failure (a timeout, no
 * answer, anything but 2xx) is tried again after an exponential back-off; after the last attempt it is DEAD, the
 * dead-letter list. Receivers are called from the HTTP client's own threads, never the event loop, so a slow one holds
 * up nothing of the service.
 */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    private static final String CLAIM = """
            with due as (
                select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id and e.enabled
                where d.status = 'PENDING' and d.next_attempt_at <= now()
                  and not exists (select 1 from webhook_delivery p where p.endpoint_id = d.endpoint_id and p.record_id = d.record_id
                                  and p.status = 'PENDING' and p.id < d.id)
                order by d.id limit $1
                for update of d skip locked)
            update webhook_delivery d set attempts = d.attempts + 1, next_attempt_at = now() + $2::text::interval
            from due, webhook_endpoint e
            where d.id = due.id and e.id = d.endpoint_id
            returning d.id, d.event_id::text, d.payload::text, d.attempts, e.url, e.secret""";
    private static final String DELIVERED = "update webhook_delivery set status = 'DELIVERED', delivered_at = now(), last_status = $2,"
            + " last_error = null where id = $1";
    private static final String FAILED = """
            update webhook_delivery set last_status = $2, last_error = left($3, 1000),
                status = case when attempts >= $4 then 'DEAD' else 'PENDING' end,
                next_attempt_at = now() + least($5::text::interval * power(2, attempts - 1), $6::text::interval)
            where id = $1""";

    private final Pool pool;
    private final WebhookSettings settings;
    private final MeterRegistry metrics;
    private final HttpClient http;
    /** Claims and sends batches until nothing is due; one round at a time per instance. */
    private final Coalesced sending = new Coalesced(() -> round().map(sent -> sent == BATCH),
            failure -> LOG.warnf("Webhook deliveries could not be claimed: %s", failure.getMessage()));
    private Cancellable onCommits;

    public WebhookDispatcher(Pool pool, WebhookSettings settings, MeterRegistry metrics) {
        this.pool = pool;
        this.settings = settings;
        this.metrics = metrics;
        // never follows redirects: a receiver may not point the service elsewhere
        // HTTP/1.1: most receivers speak nothing else, and an attempt to upgrade every connection to HTTP/2 costs each delivery
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A commit that changed data may have left deliveries: they leave at once, not at the next tick. */
    void start(@Observes StartupEvent event, DataVersions versions) {
        onCommits = versions.changes().subscribe().with(change -> sendDue());
    }

    void stop(@Observes ShutdownEvent event) {
        if (onCommits != null) {
            onCommits.cancel();
        }
    }

    /** Retries fall due with time. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        sendDue();
    }

    void sendDue() {
        sending.signal();
    }

    private Uni<Integer> round() {
        Duration lease = settings.timeout().plusSeconds(5);
        return PooledStatements.execute(pool, CLAIM, Tuple.of(BATCH, lease.toMillis() + " milliseconds"))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem()
                        .transformToUni(this::send).merge(settings.concurrency()).collect().asList().replaceWith(rows.rowCount()));
    }

    private Uni<Void> send(Row claimed) {
        long id = claimed.getLong(0);
        String eventId = claimed.getString(1);
        String body = claimed.getString(2);
        String url = claimed.getString(4);
        String secret = claimed.getString(5);
        long timestamp = System.currentTimeMillis() / 1000;
        long start = System.nanoTime();
        // the target is checked again: what its name resolves to may have changed since it was registered
        return Uni.createFrom().item(() -> WebhookTargets.refusal(url, settings.allowPrivateTargets()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refusal -> refusal != null ? Uni.createFrom().item(new Outcome(null, "The endpoint's URL " + refusal))
                        : Uni.createFrom().completionStage(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout())
                                .header("content-type", "application/json").header("user-agent", "sales-kpi-api-webhooks")
                                .header("webhook-id", eventId).header("webhook-timestamp", Long.toString(timestamp))
                                .header("webhook-signature", WebhookSignatures.sign(secret, eventId, timestamp, body))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()))
                                .map(response -> new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null
                                        : "The receiver answered " + response.statusCode()))
                                .onFailure().recoverWithItem(failure -> new Outcome(null, failure.getClass().getSimpleName()
                                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))))
                .chain(outcome -> {
                    metrics.timer("saleskpi.webhooks.delivery", "outcome", outcome.error() == null ? "delivered" : "failed")
                            .record(Duration.ofNanos(System.nanoTime() - start));
                    return outcome.error() == null
                            ? PooledStatements.execute(pool, DELIVERED, Tuple.of(id, outcome.status()))
                            : PooledStatements.execute(pool, FAILED, Tuple.from(java.util.Arrays.asList(id, outcome.status(), outcome.error(),
                                    settings.maxAttempts(), settings.retryBase().toMillis() + " milliseconds",
                                    settings.retryMax().toMillis() + " milliseconds")));
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    // the lease runs out and the delivery is claimed again
                    LOG.warnf("Delivery %d could not be recorded: %s", id, failure.getMessage());
                    return null;
                });
    }

    private record Outcome(Integer status, String error) {
    }
}
