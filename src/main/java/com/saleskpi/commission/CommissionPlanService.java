package com.saleskpi.commission;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of commission plans, within the caller's scope (CrudService). */
@Singleton
public class CommissionPlanService extends CrudService<CommissionPlan> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "commission-plans";

    public CommissionPlanService(CrudSupport support) {
        super(CommissionPlan.class, "commission plan", COLLECTION, support);
    }
}
