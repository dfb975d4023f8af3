package com.saleskpi.common.crud;

import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** Paging and sorting parameters shared by every list endpoint; subclasses add the entity's filters. */
public abstract class ListQuery {

    public static final int MAX_LIMIT = 500;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(MAX_LIMIT)
    @Parameter(description = "Page size, at most " + MAX_LIMIT)
    public int limit;

    @QueryParam("cursor")
    @Parameter(description = "Opaque cursor from the previous page's nextCursor")
    public String cursor;

    @QueryParam("sort")
    @Parameter(description = "Sort field, prefixed with '-' for descending; ties are broken by id. Default: id (creation order)."
            + " A money field (amount, price, listPrice, value) sorts by the number as stored, in each record's own currency,"
            + " not converted: filter by currency to rank amounts of one currency")
    public String sort;

    @QueryParam("updatedSince")
    @Parameter(description = "Only records created or changed after this instant (incremental sync: use with sort=updatedAt;"
            + " deletions are listed by /api/v1/sync/deletions)")
    public Instant updatedSince;

    /** Adds this entity's filters. */
    public abstract void where(Criteria criteria);

    /** Fields a client may sort by; all are non-null so that keyset pagination is exact. */
    public abstract Set<String> sortableFields();
}
