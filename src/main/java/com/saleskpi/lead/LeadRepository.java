package com.saleskpi.lead;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, UUID> {
}
