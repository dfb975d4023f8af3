package com.saleskpi.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;
import com.saleskpi.kpi.KpiResults.KpiMeasure;
import com.saleskpi.kpi.KpiResults.KpiDescriptor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The KPIs a request names: the built-in catalogue, and those defined through the API, read from the primary so that a
 * KPI is answered as soon as it is defined.
 */
@ApplicationScoped
class KpiDefinitions {

    private final Pool definitions;
    private final AccessRules rules;
    private final ReportingSettings reporting;

    @Inject
    KpiDefinitions(Pool primary, AccessRules rules, KpiSettings settings) {
        this.definitions = primary;
        this.rules = rules;
        this.reporting = ReportingSettings.of(settings);
    }

    /** The built-in KPIs, then those defined through the API (by name). */
    Uni<List<KpiDescriptor>> catalogue(CallerScope scope) {
        return customKpis(scope, null).map(custom -> java.util.stream.Stream.concat(KpiCatalogue.ALL.values().stream(), custom.stream())
                .map(this::describe).toList());
    }

    /** A KPI's catalogue entry. */
    KpiDescriptor describe(KpiDefinition kpi) {
        return KpiDescriptor.of(kpi, reporting.currency());
    }

    /** The named measures that KPIs, built-in or defined through the API, are formulas over. */
    List<KpiMeasure> measures() {
        return KpiCatalogue.MEASURES.values().stream().map(KpiMeasure::of).toList();
    }

    /**
     * The requested KPIs: built-in ones, else those defined through the API. A name no KPI has is a 400, one a custom
     * KPI had until it was deleted or renamed a 404 that says so.
     */
    Uni<List<KpiDefinition>> named(CallerScope scope, KpiNames requested) {
        List<String> names = requested.names();
        String parameter = requested.parameter();
        if (names == null || names.isEmpty()) {
            throw ProblemException.invalidParameter(parameter, "must name at least one KPI of the catalogue");
        }
        List<String> distinct = names.stream().distinct().toList();
        List<String> notBuiltIn = distinct.stream().filter(n -> !KpiCatalogue.ALL.containsKey(n)).toList();
        if (notBuiltIn.isEmpty()) {
            return Uni.createFrom().item(distinct.stream().map(KpiCatalogue.ALL::get).toList());
        }
        return customKpis(scope, notBuiltIn).chain(custom -> {
            Map<String, KpiDefinition> byName = custom.stream().collect(Collectors.toMap(KpiDefinition::name, kpi -> kpi));
            List<String> unknown = notBuiltIn.stream().filter(n -> !byName.containsKey(n)).toList();
            if (unknown.isEmpty()) {
                return Uni.createFrom().item(distinct.stream().map(n -> byName.getOrDefault(n, KpiCatalogue.ALL.get(n))).toList());
            }
            return rules.query(definitions, scope, RETIRED_KPIS, Tuple.of(unknown.toArray(new String[0]))).map(rows -> {
                List<String> retired = new ArrayList<>();
                rows.forEach(row -> retired.add(row.getString(0) + " (" + row.getOffsetDateTime(1).toInstant() + ")"));
                if (!retired.isEmpty()) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "KPIs defined through the API were deleted or renamed: "
                            + String.join(", ", retired), List.of(new Problem.FieldError(parameter, "deleted or renamed: " + retired)));
                }
                throw ProblemException.invalidParameter(parameter, "names unknown KPIs " + unknown + "; the catalogue lists the known ones");
            });
        });
    }

    private static final String CUSTOM_KPIS = "select name, title, description, unit, direction, formula, filter from custom_kpi"
            + " where $1::text[] is null or name = any($1) order by name";
    private static final String RETIRED_KPIS = "select name, retired_at from custom_kpi_retired where name = any($1)"
            + " and not exists (select 1 from custom_kpi k where k.name = custom_kpi_retired.name) order by name";

    /** The KPIs defined through the API (those named, or all), as the definitions their service checked when they were written. */
    private Uni<List<KpiDefinition>> customKpis(CallerScope scope, List<String> names) {
        return rules.query(definitions, scope, CUSTOM_KPIS, Tuple.of(names == null ? null : names.toArray(new String[0]))).map(rows -> {
            List<KpiDefinition> kpis = new ArrayList<>();
            for (Row row : rows) {
                CustomKpi kpi = new CustomKpi();
                kpi.name = row.getString("name");
                kpi.title = row.getString("title");
                kpi.description = row.getString("description");
                kpi.unit = Unit.valueOf(row.getString("unit"));
                kpi.direction = Direction.valueOf(row.getString("direction"));
                kpi.formula = row.getString("formula");
                kpi.filter = new CustomKpi.FilterColumn().convertToEntityAttribute(row.getString("filter"));
                kpis.add(CustomKpiService.definition(kpi));
            }
            return kpis;
        });
    }
}
