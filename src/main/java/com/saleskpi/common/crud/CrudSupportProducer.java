package com.saleskpi.common.crud;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.validation.Validator;

public class CrudSupportProducer {

    @Produces
    @Dependent
    CrudService.CrudSupport crudSupport(ObjectMapper mapper, Validator validator, SecurityIdentity identity) {
        return new CrudService.CrudSupport(mapper, validator, identity);
    }
}
