package com.saleskpi.kpi;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CustomKpiRepository implements PanacheRepositoryBase<CustomKpi, UUID> {
}
