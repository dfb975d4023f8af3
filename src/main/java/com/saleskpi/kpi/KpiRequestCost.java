package com.saleskpi.kpi;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.RequestScoped;

/** The KPI work one HTTP request has asked for so far: a GraphQL request adds up all its fields and aliases. */
@RequestScoped
public class KpiRequestCost {

    private final AtomicLong spent = new AtomicLong();

    long add(long cost) {
        return spent.addAndGet(cost);
    }
}
