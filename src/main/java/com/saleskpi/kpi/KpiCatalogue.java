package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every KPI the service computes, each defined once, by family. docs/kpis.md is generated from these definitions
 * (KpiDocumentationTest keeps the two equal).
 */
final class KpiCatalogue {

    static final String TARGET_PERIOD = "targets overlapping the period, each pro-rated to the part of it the period covers (by calendar"
            + " days, or working days with TARGET_PRORATION=WORKING_DAYS); of teams asked for together, a team's target covers those"
            + " of the teams below it";
    static final String SNAPSHOT_AT_END = "state on the last day of the period";
    static final String LEAD_PERIOD = "instant the lead was received, in the requested time zone";
    static final String ACTIVITY_PERIOD = "instant of the activity, in the requested time zone";

    static final Map<String, KpiDefinition> ALL = build();

    /** The built-in KPIs' catalogue entries, money in this reporting currency: what docs/kpis.md documents. */
    static List<KpiResults.KpiDescriptor> described(java.util.Currency reportingCurrency) {
        return ALL.values().stream().map(kpi -> KpiResults.KpiDescriptor.of(kpi, reportingCurrency)).toList();
    }
    /** The named measures of the built-in KPIs, by name: what a KPI defined through the API may be a formula over. */
    static final Map<String, Measure> MEASURES = ALL.values().stream().flatMap(kpi -> kpi.measures().stream())
            .collect(Collectors.toMap(Measure::name, measure -> measure, (same, alike) -> same, TreeMap::new));

    private KpiCatalogue() {
    }

    static Optional<KpiDefinition> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    private static Map<String, KpiDefinition> build() {
        List<KpiDefinition> kpis = Stream.of(RevenueKpis.all(), DealKpis.all(), LeadKpis.all(), ActivityKpis.all(),
                CustomerKpis.all(), CostKpis.all(), PeopleKpis.all(), DealDynamicsKpis.all(), ForecastKpis.all()).flatMap(List::stream).toList();
        Map<String, KpiDefinition> byName = new LinkedHashMap<>();
        Map<String, Measure> measures = new LinkedHashMap<>();
        for (KpiDefinition kpi : kpis) {
            if (byName.put(kpi.name(), kpi) != null) {
                throw new IllegalStateException("KPI defined twice: " + kpi.name());
            }
            if (!kpi.formula().quantity().units.contains(kpi.unit())) {
                throw new IllegalStateException(kpi.name() + " is " + kpi.formula().quantity().description + ", not " + kpi.unit());
            }
            for (Measure measure : kpi.measures()) {
                Measure named = measures.putIfAbsent(measure.name(), measure);
                if (named != null && !named.equals(measure)) {
                    throw new IllegalStateException("Two measures named " + measure.name());
                }
            }
        }
        return byName;
    }

    static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
        return numerator == null || denominator == null ? null : Formula.Operator.DIVIDED_BY.apply.apply(numerator, denominator);
    }

    static Builder kpi(String name, String title, Unit unit, Direction direction, String description) {
        return new Builder(name, title, unit, direction, description);
    }

    static final class Builder {
        private final String name;
        private final String title;
        private final Unit unit;
        private final Direction direction;
        private final String description;
        private String period;
        private String change;

        private Builder(String name, String title, Unit unit, Direction direction, String description) {
            this.name = name;
            this.title = title;
            this.unit = unit;
            this.direction = direction;
            this.description = description;
        }

        Builder period(String rule) {
            this.period = rule;
            return this;
        }

        /** How the KPI's name or meaning changed, for clients that kept the old one. */
        Builder changed(String note) {
            this.change = note;
            return this;
        }

        KpiDefinition of(Formula formula) {
            return new KpiDefinition(name, title, description, period, unit, direction, formula, change);
        }

        KpiDefinition of(Measure measure) {
            return of(Formula.of(measure));
        }
    }
}
