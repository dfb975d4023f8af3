package com.saleskpi.common.crud;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.saleskpi.common.problem.ProblemException;

/**
 * Position after the last row of a page: the sort it belongs to, that row's sort value and id.
 * Opaque to clients (base64url); a cursor used with another sort is rejected.
 */
record Cursor(String sort, String value, UUID id) {

    private static final char SEPARATOR = '\u001f';

    String encode() {
        String raw = sort + SEPARATOR + (value == null ? "" : value) + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String encoded, String expectedSort) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
            if (parts.length != 3 || !parts[0].equals(expectedSort)) {
                throw ProblemException.invalidParameter("cursor", "does not belong to this list and sort order");
            }
            return new Cursor(parts[0], parts[1], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor issued by this service");
        }
    }
}
