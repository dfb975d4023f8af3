package com.saleskpi.alert;

import java.util.Set;

import org.jboss.logging.Logger;

import com.saleskpi.database.Coalesced;
import com.saleskpi.database.DataVersions;
import com.saleskpi.security.CallerContexts;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Evaluates every enabled rule when a commit changed the data (DataVersions#changes, on every instance: a rule's row
 * lock makes it fire once) and every minute (a period moves with time: THIS_QUARTER ends, a day begins). Through the KPI
 * cache, a rule whose KPI read nothing the commit changed costs one small statement.
 */
@Singleton
public class KpiAlertEvaluator {

    private static final Logger LOG = Logger.getLogger(KpiAlertEvaluator.class);
    /** Writes of the alerts themselves, which change no KPI. */
    private static final Set<String> OWN_TABLES = Set.of("kpi_alert_rule", "kpi_alert_firing");
    /** Rules are created by admins and analysts, who see every record: they are evaluated as such a caller. */
    private static final SecurityIdentity EVALUATOR = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("kpi-alerts"))
            .addRole("admin").build();

    private final KpiAlertService alerts;
    private final CallerContexts contexts;
    private volatile DataVersions.Versions after;
    private final Coalesced evaluating = new Coalesced(this::evaluateAll,
            failure -> LOG.warnf("KPI alert rules could not be evaluated: %s", failure.getMessage()));
    private Cancellable onCommits;

    public KpiAlertEvaluator(KpiAlertService alerts, CallerContexts contexts) {
        this.alerts = alerts;
        this.contexts = contexts;
    }

    void start(@Observes StartupEvent event, DataVersions versions) {
        onCommits = versions.changes().filter(change -> !OWN_TABLES.containsAll(change.tables())).subscribe().with(change -> {
            after = change.versions();
            evaluating.signal();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (onCommits != null) {
            onCommits.cancel();
        }
    }

    @Scheduled(every = "1m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void periodsMove() {
        evaluating.signal();
    }

    private io.smallrye.mutiny.Uni<Boolean> evaluateAll() {
        DataVersions.Versions at = after;
        return alerts.enabled().onItem().transformToMulti(rules -> Multi.createFrom().iterable(rules))
                .onItem().transformToUniAndConcatenate(rule -> contexts.as(EVALUATOR, at, () -> alerts.evaluate(rule))
                        .onFailure().recoverWithItem(failure -> {
                            // a rule whose KPI was deleted since, say: the others are evaluated all the same
                            LOG.debugf("KPI alert rule %s could not be evaluated: %s", rule.id(), failure.getMessage());
                            return null;
                        }))
                .collect().last().replaceWith(false);
    }
}
