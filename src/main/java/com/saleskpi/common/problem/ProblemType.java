package com.saleskpi.common.problem;

/** The closed list of problem kinds; their slugs are part of the API contract. */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", 400),
    INVALID_PARAMETER("invalid-parameter", "Invalid parameter", 400),
    VALIDATION_FAILED("validation-failed", "Validation failed", 422),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    STILL_REFERENCED("still-referenced", "Still referenced", 409),
    SYNC_POINT_EXPIRED("sync-point-expired", "Sync point expired", 410),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    URI_TOO_LONG("uri-too-long", "Request target too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    REQUEST_TOO_COSTLY("request-too-costly", "Request too costly", 422),
    MISSING_EXCHANGE_RATE("missing-exchange-rate", "Missing exchange rate", 422),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", 431),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    TIMEOUT("timeout", "Timed out", 504);

    final String slug;
    final String title;
    final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
