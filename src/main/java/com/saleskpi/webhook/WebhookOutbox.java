package com.saleskpi.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.crud.CrudService;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The events webhooks may subscribe to, derived from the collections: {collection's event name}.created, .updated and
 * .deleted for each (CrudService#eventName), and kpi.alert. At start, each collection's table gets the triggers that
 * write its deliveries in the writing transaction (webhook_enqueue, R__webhooks.sql): every write path (REST, import,
 * sync, plain SQL) is covered, and a rollback takes its deliveries with it.
 */
@Singleton
public class WebhookOutbox {

    /** The event of a KPI alert rule that fires: a row of kpi_alert_firing. */
    public static final String KPI_ALERT = "kpi.alert";
    private static final String ALERT_FIRINGS = "kpi_alert_firing";
    private static final List<String> CHANGES = List.of("insert", "update", "delete");

    private final List<String> events;
    private final List<CrudService<?>> services = new ArrayList<>();

    public WebhookOutbox(CrudCollections collections) {
        TreeSet<String> names = new TreeSet<>();
        collections.names().forEach(name -> collections.find(name).ifPresent(service -> {
            services.add(service);
            names.add(service.eventName() + ".created");
            names.add(service.eventName() + ".updated");
            names.add(service.eventName() + ".deleted");
        }));
        names.add(KPI_ALERT);
        this.events = List.copyOf(names);
    }

    /** Every event an endpoint may subscribe to. */
    public List<String> events() {
        return events;
    }

    void install(@Observes @Priority(20) StartupEvent event, Pool pool) {
        List<String> ddl = new ArrayList<>();
        for (CrudService<?> service : services) {
            for (String change : CHANGES) {
                String rows = change.equals("delete") ? "old" : "new";
                ddl.add("create or replace trigger " + service.table() + "_webhook_" + change + " after " + change + " on " + service.table()
                        + " referencing " + rows + " table as changed_rows for each statement execute function webhook_enqueue('"
                        + service.eventName() + "')");
            }
        }
        ddl.add("create or replace trigger " + ALERT_FIRINGS + "_webhook_insert after insert on " + ALERT_FIRINGS
                + " referencing new table as changed_rows for each statement execute function webhook_enqueue('kpi', '" + KPI_ALERT + "')");
        pool.withTransaction(connection -> io.smallrye.mutiny.Multi.createFrom().iterable(ddl)
                .onItem().transformToUniAndConcatenate(statement -> connection.query(statement).execute())
                .collect().last()).await().atMost(Duration.ofSeconds(60));
    }
}
