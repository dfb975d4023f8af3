package com.saleskpi.common.crud;

import java.util.UUID;

import com.saleskpi.common.problem.ProblemException;

/**
 * Position after the last row of a page: the sort it belongs to, that row's sort value and id.
 * Opaque to clients (OpaqueCursors); a cursor used with another sort is rejected.
 */
record Cursor(String sort, String value, UUID id) {

    String encode() {
        return OpaqueCursors.encode(sort, value == null ? "" : value, id.toString());
    }

    static Cursor decode(String encoded, String expectedSort) {
        String[] parts = OpaqueCursors.decode(encoded, 3);
        if (!parts[0].equals(expectedSort)) {
            throw ProblemException.invalidParameter("cursor", "does not belong to this list and sort order");
        }
        try {
            return new Cursor(parts[0], parts[1], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw OpaqueCursors.notOurs();
        }
    }
}
