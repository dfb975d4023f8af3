package com.saleskpi.kpi;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import com.saleskpi.kpi.KpiResults.KpiSnapshot;
import com.saleskpi.live.Subscriptions;
import com.saleskpi.security.CallerContexts;
import com.saleskpi.security.CallerScopes;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;

/**
 * KPIs pushed as commits change them (GraphQL over WebSocket, graphql-transport-ws on /graphql): the snapshot once on
 * subscribe, then again after each commit that changed it, and only then. Each push is computed as the caller's query
 * issued after the commit would be (their scope, budget and row-level security, on a server that holds the commit),
 * through the KPI cache, so that many subscribers of one dashboard cost one evaluation per commit.
 */
@GraphQLApi
@RolesAllowed({ "admin", "sales-manager", "sales-rep", "analyst" })
public class KpiSubscriptions {

    private final KpiEngine engine;
    private final CallerScopes scopes;
    private final Subscriptions subscriptions;
    private final CallerContexts contexts;
    private final CurrentIdentityAssociation identities;

    public KpiSubscriptions(KpiEngine engine, CallerScopes scopes, Subscriptions subscriptions, CallerContexts contexts,
            CurrentIdentityAssociation identities) {
        this.engine = engine;
        this.scopes = scopes;
        this.subscriptions = subscriptions;
        this.contexts = contexts;
        this.identities = identities;
    }

    @Subscription("kpiChanged")
    @Description("The values of the named KPIs for a period, as kpiSnapshot answers them: once on subscribe, then each time a commit"
            + " changes them. Authenticate in connection_init: {\"Authorization\": \"Bearer <token>\"}; at most SUBSCRIPTIONS_PER_CALLER"
            + " subscriptions per caller, each re-evaluation charged to their KPI budget")
    public Multi<KpiSnapshot> kpiChanged(@Name("kpis") @NonNull List<@NonNull String> kpis, @Name("filter") KpiFilter filter,
            @Name("period") @NonNull KpiPeriod period, @Name("compareTo") Comparison compareTo,
            @Name("currency") @Description(KpiGraphQLApi.CURRENCY) String currency) {
        SecurityIdentity caller = identities.getIdentity();
        KpiNames names = new KpiNames(kpis, "kpis");
        // any commit may change a KPI: the cache tells, at the cost of reading the data versions
        return subscriptions.pushed(caller, tables -> true, change -> contexts.as(caller, Subscriptions.after(change), () -> scopes.current()
                .chain(scope -> engine.snapshot(scope, names, filter, period, compareTo, currency, null))));
    }
}
