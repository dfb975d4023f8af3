package com.saleskpi.common.crud;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The entity collections by their name in the API (opportunities, survey-responses...): every CRUD service bean, each
 * of which declares its name once (COLLECTION, also its resource's path). Import, the sync feeds and the access matrix
 * find collections here.
 */
@Singleton
public class CrudCollections {

    private final Map<String, CrudService<?>> byName = new TreeMap<>();

    public CrudCollections(Instance<CrudService<?>> services) {
        services.forEach(service -> byName.put(service.collection(), service));
    }

    public Optional<CrudService<?>> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
