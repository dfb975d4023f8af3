package com.saleskpi.cost;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CostEntryRepository implements PanacheRepositoryBase<CostEntry, UUID> {
}
