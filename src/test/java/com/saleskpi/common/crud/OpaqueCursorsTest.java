package com.saleskpi.common.crud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

/** The one cursor codec, without a service: what it encodes decodes back, anything else is a 400 naming the cursor. */
class OpaqueCursorsTest {

    @Test
    void whatIsEncodedDecodesBackPartByPart() {
        String cursor = OpaqueCursors.encode("name", "Acme, Inc. ü", "");
        assertArrayEquals(new String[] { "name", "Acme, Inc. ü", "" }, OpaqueCursors.decode(cursor, 3));
        assertEquals(-1, cursor.indexOf('='), "base64url without padding");
    }

    @Test
    void aCursorOfAnotherShapeOrNotOursIsRefusedNamingTheParameter() {
        String twoParts = OpaqueCursors.encode("a", "b");
        for (String bad : new String[] { twoParts, "not base64!", "" }) {
            ProblemException refused = assertThrows(ProblemException.class, () -> OpaqueCursors.decode(bad, 3), bad);
            assertEquals(ProblemType.INVALID_PARAMETER, refused.type());
            assertEquals("cursor", refused.errors().get(0).field());
        }
    }
}
