package com.saleskpi.kpi;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.saleskpi.account.Account;
import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.security.CallerScope;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.persistence.LockModeType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Writes of KPIs defined through the API: each is checked as the definition the engine will compute from it. */
@Singleton
public class CustomKpiService extends CrudService<CustomKpi> {

    private static final Set<String> SEGMENTS = Arrays.stream(Account.Segment.values()).map(Enum::name).collect(Collectors.toSet());

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "custom-kpis";

    public CustomKpiService(CrudSupport support) {
        super(CustomKpi.class, "custom KPI", COLLECTION, support);
    }

    /** Deletes the custom KPI of this name, as DELETE /api/v1/custom-kpis/{id} would; a 404 when there is none. */
    public Uni<Void> deleteByName(String name) {
        return Panache.withSession(() -> store.findBy("name", name, LockModeType.NONE)).chain(found -> found == null
                ? Uni.createFrom().failure(ProblemException.notFound("Custom KPI " + name))
                : delete(found.id, null));
    }

    @Override
    protected void beforeSave(CustomKpi previous, CustomKpi next, CallerScope scope) {
        definition(next);
    }

    /**
     * The definition the engine computes for a stored KPI; a 422 naming the field at fault when it is not one: a built-in
     * name, a formula that does not read or mixes kinds of value, a unit its formula's values cannot have, or a fixed
     * filter on a dimension its measures are not kept by.
     */
    static KpiDefinition definition(CustomKpi kpi) {
        if (KpiCatalogue.ALL.containsKey(kpi.name)) {
            throw ProblemException.invalidField("name", "is the name of a built-in KPI: " + kpi.name);
        }
        Formula formula;
        Formula.Quantity quantity;
        try {
            formula = FormulaParser.parse(kpi.formula, KpiCatalogue.MEASURES);
            quantity = formula.quantity();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("formula", e.getMessage());
        }
        if (formula.measures().isEmpty()) {
            throw ProblemException.invalidField("formula", "names no measure: a KPI is computed from records");
        }
        if (!quantity.units.contains(kpi.unit)) {
            throw ProblemException.invalidField("unit", formula.text() + " is " + quantity.description + ": the unit must be one of "
                    + quantity.units);
        }
        KpiDefinition definition = KpiDefinition.custom(kpi.name, kpi.title, kpi.description, kpi.unit, kpi.direction, formula,
                kpi.filter);
        if (kpi.filter != null) {
            List<Dimension> notKept = kpi.filter.restrictedOutside(definition.dimensions());
            if (!notKept.isEmpty()) {
                Dimension dimension = notKept.get(0);
                throw ProblemException.invalidField("filter." + dimension.filterField, "its measures ("
                        + formula.measures().stream().map(Measure::name).collect(Collectors.joining(", ")) + ") are not kept by "
                        + dimension + "; they are by " + definition.dimensions());
            }
            KpiFilter.Invalid invalid = kpi.filter.invalidRestriction();
            if (invalid != null) {
                throw ProblemException.invalidField("filter." + invalid.field(), invalid.reason());
            }
            if (kpi.filter.restrictsDeals() && !definition.fromDeals()) {
                throw ProblemException.invalidField("filter." + kpi.filter.dealRestrictionField(),
                        "holds deals to an amount or closing window, but " + formula.text() + " is not computed from opportunities alone");
            }
            if (kpi.filter.callCutoffWeek != null && !definition.scoresCalls()) {
                throw ProblemException.invalidField("filter.callCutoffWeek", formula.text() + " scores no forecast calls");
            }
            List<?> unknown = kpi.filter.values(Dimension.SEGMENT).stream().filter(segment -> !SEGMENTS.contains(segment)).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.invalidField("filter.segments", "unknown segments " + unknown + "; the segments are " + SEGMENTS);
            }
        }
        return definition;
    }
}
