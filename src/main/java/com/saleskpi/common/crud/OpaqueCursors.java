package com.saleskpi.common.crud;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.saleskpi.common.problem.ProblemException;

/**
 * The one codec of the cursors clients get back (list pages, the sync feed): parts joined by a unit separator, in
 * base64url without padding. Opaque to clients; one that is not ours is a 400 naming the cursor parameter.
 */
public final class OpaqueCursors {

    private static final String SEPARATOR = "\u001f";

    private OpaqueCursors() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor that has this many of them. */
    public static String[] decode(String encoded, int parts) {
        try {
            String[] decoded = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (decoded.length == parts) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64url: not one of ours either
        }
        throw notOurs();
    }

    public static ProblemException notOurs() {
        return ProblemException.invalidParameter("cursor", "is not a cursor issued by this service");
    }
}
