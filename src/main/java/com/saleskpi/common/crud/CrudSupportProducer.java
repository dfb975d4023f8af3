package com.saleskpi.common.crud;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.saleskpi.common.persistence.SessionlessRead;
import com.saleskpi.common.persistence.SetBasedInsert;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScopes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.validation.Validator;

public class CrudSupportProducer {

    @Produces
    @Dependent
    CrudService.CrudSupport crudSupport(ObjectMapper mapper, Validator validator, SecurityIdentity identity, CallerScopes scopes,
            MeterRegistry metrics, AccessRules rules, SetBasedInsert inserts, SessionlessRead reads, Pool pool) {
        return new CrudService.CrudSupport(mapper, validator, identity, scopes, metrics, rules, inserts, reads, pool);
    }
}
