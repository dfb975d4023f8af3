package com.saleskpi.kpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.kpi.KpiResults.DimensionMember;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;

import com.saleskpi.database.PooledStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a request's filter and breakdown mean: checked against the KPIs asked for, trees widened to the members below
 * those named, unknown members refused, and the labels and members of a dimension; read from the primary.
 */
@ApplicationScoped
class FilterResolution {

    private final Pool definitions;
    private final AccessRules rules;

    @Inject
    FilterResolution(Pool primary, AccessRules rules) {
        this.definitions = primary;
        this.rules = rules;
    }

    /**
     * The KPIs asked for can answer the request: each is kept by every dimension the filter restricts and the breakdown
     * names; deal restrictions (amount, closing window) and a state of the deals other than now (asOf) only for the KPIs
     * computed from opportunities alone.
     */
    static void checkDimensions(List<KpiDefinition> kpis, KpiFilter filter, Dimension by, DealsAsOf deals) {
        KpiFilter.Invalid invalid = filter.invalidRestriction();
        if (invalid != null) {
            throw ProblemException.invalidParameter(invalid.field(), invalid.reason());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        kpis.forEach(kpi -> errors.addAll(reasonsAgainst(kpi, filter, by, deals)));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, errors.stream().map(Problem.FieldError::message)
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    /** Why a KPI cannot answer a request (checkDimensions): none when it can. */
    static List<Problem.FieldError> reasonsAgainst(KpiDefinition kpi, KpiFilter filter, Dimension by, DealsAsOf deals) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Dimension dimension : filter.restrictedOutside(kpi.dimensions())) {
            errors.add(new Problem.FieldError("filter", kpi.name() + " cannot be filtered by " + dimension
                    + " (it supports " + new TreeSet<>(kpi.dimensions()) + ")"));
        }
        if (filter.restrictsDeals() && !kpi.fromDeals()) {
            errors.add(new Problem.FieldError("filter", kpi.name() + " is not computed from opportunities alone: it cannot be"
                    + " held to a deal amount or closing window (" + filter.dealRestrictionField() + ")"));
        }
        if (filter.callCutoffWeek != null && !kpi.scoresCalls()) {
            errors.add(new Problem.FieldError("callCutoffWeek", kpi.name() + " scores no forecast calls at a cut-off"));
        }
        if (!deals.now() && !kpi.fromDeals()) {
            errors.add(new Problem.FieldError(deals.at() != null ? DealsAsOf.PARAMETER : "asOfBucketEnds", kpi.name()
                    + " is not computed from opportunities alone: it has no history to be read as of an instant"));
        }
        if (by != null && !kpi.dimensions().contains(by)) {
            errors.add(new Problem.FieldError("by", kpi.name() + " cannot be broken down by " + by
                    + " (it supports " + new TreeSet<>(kpi.dimensions()) + ")"));
        }
        return errors;
    }

    /**
     * The filter with each tree dimension it restricts (teams, territories) widened to every member below those named,
     * and, in the same statement, checked: when unknownRefused, every value it names must be a member of its dimension
     * (Dimension.membersQuery), else the request is a 400 naming each unknown id, category or segment, never an empty
     * answer. A KPI's fixed filter was checked when the KPI was defined and is only widened (nothing else is read for it).
     */
    Uni<KpiFilter> widened(KpiFilter filter, boolean unknownRefused) {
        // a fixed filter needs the statement only for its trees; a request's filter for every dimension it names
        List<Dimension> restricted = Arrays.stream(Dimension.values())
                .filter(d -> filter.restricts(d) && (unknownRefused || d.tree != null)).toList();
        if (restricted.isEmpty()) {
            return Uni.createFrom().item(filter);
        }
        StringJoiner below = new StringJoiner(",\n", "with recursive ", "\n").setEmptyValue("");
        StringJoiner columns = new StringJoiner(",\n  ", "select ", "");
        List<Object> keys = new ArrayList<>();
        for (Dimension dimension : restricted) {
            int i = keys.size() + 1;
            keys.add(filter.values(dimension).stream().map(Object::toString).distinct().toArray(String[]::new));
            if (unknownRefused) {
                columns.add("array(select unnest($%d::text[]) except select m.key from (%s) m(key, label, parent))"
                        .formatted(i, dimension.membersOf("$" + i)));
            }
            if (dimension.tree != null) {
                below.add("below_%d(id) as (select unnest($%d::text[])::uuid union select c.id from %s c join below_%d p on c.parent_id = p.id)"
                        .formatted(i, i, dimension.tree, i));
                columns.add("array(select id from below_%d)".formatted(i));
            }
        }
        return PooledStatements.execute(definitions, below + columns.toString(), Tuple.from(keys)).map(rows -> {
            Row row = rows.iterator().next();
            List<Problem.FieldError> errors = new ArrayList<>();
            KpiFilter widened = filter.copy();
            int column = 0;
            for (int d = 0; d < restricted.size(); d++) {
                Dimension dimension = restricted.get(d);
                if (unknownRefused) {
                    String named = dimension.name().toLowerCase() + (filter.values(dimension).get(0) instanceof UUID ? " with id " : " ");
                    List<String> unknown = Arrays.asList(row.getArrayOfStrings(column++));
                    Arrays.stream((String[]) keys.get(d)).filter(unknown::contains)
                            .forEach(key -> errors.add(new Problem.FieldError("filter", "no " + named + key)));
                }
                if (dimension.tree != null) {
                    widened.set(dimension, Arrays.asList(row.getArrayOfUUIDs(column++)));
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_PARAMETER, errors.stream().map(Problem.FieldError::message)
                        .collect(Collectors.joining("; ")), errors);
            }
            return widened;
        });
    }

    Uni<Map<String, String>> labels(Dimension by, Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return PooledStatements.execute(definitions, by.membersQuery, Tuple.of(keys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, String> labels = new HashMap<>();
                    rows.forEach(r -> labels.put(r.getString(0), r.getString(1)));
                    return labels;
                });
    }

    /** The members of a dimension the caller may filter and break KPIs down by, with their labels and parents. */
    Uni<List<DimensionMember>> members(CallerScope scope, Dimension dimension) {
        if (dimension == null) {
            throw ProblemException.invalidParameter("dimension", "is required");
        }
        List<String> visible = KpiAccess.visibleKeys(scope, dimension);
        return rules.query(definitions, scope, dimension.membersQuery, Tuple.of(visible == null ? null : visible.toArray(new String[0])))
                .map(rows -> {
                    List<DimensionMember> members = new ArrayList<>();
                    rows.forEach(r -> members.add(new DimensionMember(r.getString(0), r.getString(1), r.getString(2))));
                    return members;
                });
    }
}
