package com.saleskpi.common.crud;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list. */
public record Page<E>(
        List<E> items,
        @Schema(description = "Cursor for the next page; absent on the last page") String nextCursor,
        @Schema(description = "Link to the next page; absent on the last page") String next) {
}
