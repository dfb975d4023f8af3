package com.saleskpi.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON body that could not be read into an entity, raised where checked exceptions cannot pass (inside a Uni). */
public class UncheckedJsonException extends RuntimeException {

    public UncheckedJsonException(JsonProcessingException cause) {
        super(cause.getOriginalMessage(), cause, false, false);
    }

    public JsonProcessingException json() {
        return (JsonProcessingException) getCause();
    }
}
