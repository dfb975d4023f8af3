package com.saleskpi.activity;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {
}
