package com.saleskpi.pricing;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CompetitorPriceRepository implements PanacheRepositoryBase<CompetitorPrice, UUID> {
}
