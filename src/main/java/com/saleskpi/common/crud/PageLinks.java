package com.saleskpi.common.crud;

import jakarta.ws.rs.core.UriInfo;

/** Builds the link to the next page from the request's own URI, keeping every filter. */
public record PageLinks(UriInfo uri) {

    public String withCursor(String cursor) {
        return uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build().toString();
    }
}
