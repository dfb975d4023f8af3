package com.saleskpi.alert;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;

import com.saleskpi.live.Subscriptions;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;

/** KPI alerts pushed as rules fire, on whichever instance evaluated them (their firings are rows: every instance hears of them). */
@GraphQLApi
@RolesAllowed({ "admin", "analyst" })
public class KpiAlertSubscriptions {

    private static final String FIRINGS = "kpi_alert_firing";

    private final KpiAlertService alerts;
    private final Subscriptions subscriptions;
    private final CurrentIdentityAssociation identities;

    public KpiAlertSubscriptions(KpiAlertService alerts, Subscriptions subscriptions, CurrentIdentityAssociation identities) {
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.identities = identities;
    }

    @Subscription("kpiAlerts")
    @Description("Every KPI alert rule that fires from now on (admins and analysts; rules: /api/v1/kpi-alerts)")
    public Multi<KpiAlerts.Firing> kpiAlerts() {
        SecurityIdentity caller = identities.getIdentity();
        AtomicLong told = new AtomicLong(-1);
        return subscriptions.<List<KpiAlerts.Firing>>pushed(caller, tables -> tables.contains(FIRINGS), change -> told.get() < 0
                ? alerts.lastFiring().invoke(told::set).replaceWith(List.of())
                : alerts.firedAfter(told.get()).invoke(fired -> fired.forEach(firing -> told.accumulateAndGet(firing.id(), Math::max))))
                .onItem().transformToMultiAndConcatenate(fired -> Multi.createFrom().iterable(fired));
    }
}
