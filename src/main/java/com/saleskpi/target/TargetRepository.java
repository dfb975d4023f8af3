package com.saleskpi.target;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TargetRepository implements PanacheRepositoryBase<Target, UUID> {
}
