package com.saleskpi.common.problem;

import org.jboss.logging.Logger;

/**
 * A problem as a GraphQL error: the message is the problem's detail, and extensions.code names its kind in the
 * conventional GraphQL vocabulary (BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, RATE_LIMITED, UNAVAILABLE,
 * INTERNAL), so that a client tells an unknown KPI from a forbidden one or a database that is down. A client's error is not
 * logged as the service's: no stack trace for an unknown KPI.
 */
public final class GraphQLProblems {

    private static final Logger LOG = Logger.getLogger(GraphQLProblems.class);
    private static final String INTERNAL = "INTERNAL";

    private GraphQLProblems() {
    }

    /** The GraphQL error for a failure: a problem by its kind, a database fault as UNAVAILABLE, anything else as it is. */
    public static Throwable of(Throwable failure) {
        Throwable translated = failure instanceof jakarta.validation.ConstraintViolationException violations
                ? ProblemMappers.asProblem(violations) : DatabaseErrors.translate(failure);
        if (!(translated instanceof ProblemException problem)) {
            // the GraphQL layer prints no failures (print-data-fetcher-exception=false): an unexpected one is logged here
            LOG.error("Unexpected failure of a GraphQL field", failure);
            return new GraphQLProblem(INTERNAL, "Internal error; the service logged it under the X-Request-Id of this answer");
        }
        if (problem.type().status() >= 500) {
            LOG.warnf("%s on a GraphQL field: %s", problem.type().title, failure);
        }
        // a GraphQL client sent arguments, not query parameters: name the argument, without REST's wording
        String detail = problem.errors().isEmpty() ? problem.getMessage()
                : String.join("; ", problem.errors().stream().map(e -> "Argument " + e.field() + " " + e.message()).toList());
        return new GraphQLProblem(switch (problem.type()) {
            case UNAUTHENTICATED -> "UNAUTHENTICATED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case RATE_LIMITED -> "RATE_LIMITED";
            case SERVICE_UNAVAILABLE, TIMEOUT -> "UNAVAILABLE";
            default -> problem.type().status() < 500 ? "BAD_USER_INPUT" : INTERNAL;
        }, detail);
    }

    /**
     * A field's failure as the client sees it: the GraphQL layer shows its message (show-runtime-exception-message),
     * and GraphQLErrorCodes writes its code into extensions.code.
     */
    public static final class GraphQLProblem extends RuntimeException {
        private final String code;

        GraphQLProblem(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
