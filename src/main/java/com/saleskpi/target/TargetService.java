package com.saleskpi.target;

import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.kpi.KpiEngine;
import com.saleskpi.security.CallerScope;

import jakarta.inject.Singleton;

/** Reads, writes and imports of targets, within the caller's scope (CrudService). */
@Singleton
public class TargetService extends CrudService<Target> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "targets";

    public TargetService(CrudSupport support) {
        super(Target.class, "target", COLLECTION, support);
    }

    /** A target for a built-in KPI names one of the catalogue (those defined through the API are named by customKpiId). */
    @Override
    protected void beforeSave(Target previous, Target next, CallerScope scope) {
        if (next.kpi != null && !KpiEngine.isBuiltIn(next.kpi)) {
            throw ProblemException.invalidField("kpi", "names no built-in KPI of the catalogue (GET /api/v1/kpis/catalogue); a KPI"
                    + " defined through the API is named by customKpiId: " + next.kpi);
        }
    }
}
