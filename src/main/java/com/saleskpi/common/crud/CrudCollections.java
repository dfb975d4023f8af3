package com.saleskpi.common.crud;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;

/** The entity collections by the name they have in the API path (opportunities, survey-responses...). */
@Singleton
public class CrudCollections {

    private final Map<String, CrudService<?>> byName = new TreeMap<>();

    public CrudCollections(Instance<CrudResource<?>> resources) {
        for (CrudResource<?> resource : resources) {
            Path path = resource.getClass().getAnnotation(Path.class) != null ? resource.getClass().getAnnotation(Path.class)
                    : resource.getClass().getSuperclass().getAnnotation(Path.class);
            byName.put(path.value().substring(path.value().lastIndexOf('/') + 1), resource.service());
        }
    }

    public Optional<CrudService<?>> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
