package com.saleskpi.territory;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TerritoryRepository implements PanacheRepositoryBase<Territory, UUID> {
}
