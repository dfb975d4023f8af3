package com.saleskpi.rep;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SalesRepRepository implements PanacheRepositoryBase<SalesRep, UUID> {
}
