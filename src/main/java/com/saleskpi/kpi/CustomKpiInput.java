package com.saleskpi.kpi;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A KPI to define over GraphQL: the fields of POST /api/v1/custom-kpis, checked the same way. */
@Input("CustomKpiInput")
@Description("A KPI defined as a formula over named measures (kpiMeasures), with an optional fixed filter")
public record CustomKpiInput(@NonNull @Description("Its name in KPI requests: lower case letters, digits and underscores") String name,
        @NonNull String title, String description, @NonNull Unit unit, @NonNull Direction direction,
        @NonNull @Description("Named measures, numbers, + - * / and parentheses; a division by 0 is null") String formula,
        @Description("Records the KPI always looks at, within what a request asks for") KpiFilter filter) {

    CustomKpi toEntity() {
        CustomKpi kpi = new CustomKpi();
        kpi.name = name;
        kpi.title = title;
        kpi.description = description;
        kpi.unit = unit;
        kpi.direction = direction;
        kpi.formula = formula;
        kpi.filter = filter;
        return kpi;
    }
}
