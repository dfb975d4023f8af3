package com.saleskpi.common.crud;

import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import jakarta.ws.rs.core.EntityTag;

/** Conditional requests (RFC 9110): the entity tag of a record is its version. */
public final class Preconditions {

    private Preconditions() {
    }

    public static EntityTag entityTag(AuditedEntity entity) {
        return new EntityTag(Long.toString(entity.version));
    }

    /** If-Match is optional; when sent, it must name the current version (or be '*'). */
    static void checkIfMatch(AuditedEntity stored, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = Long.toString(stored.version);
        for (String tag : ifMatch.split(",")) {
            if (unquote(tag).equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The record has changed since you read it (its ETag is now \"" + current + "\"); read it again and retry");
    }

    /** True when If-None-Match names the current version, so a GET may answer 304. */
    public static boolean notModified(AuditedEntity stored, String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        String current = Long.toString(stored.version);
        for (String tag : ifNoneMatch.split(",")) {
            String value = unquote(tag);
            if (value.equals("*") || value.equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String tag) {
        String t = tag.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
