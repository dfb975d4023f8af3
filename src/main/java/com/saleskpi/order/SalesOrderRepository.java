package com.saleskpi.order;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SalesOrderRepository implements PanacheRepositoryBase<SalesOrder, UUID> {
}
