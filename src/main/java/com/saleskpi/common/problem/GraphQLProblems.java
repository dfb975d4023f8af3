package com.saleskpi.common.problem;

import org.jboss.logging.Logger;

import io.smallrye.graphql.api.ErrorCode;

/**
 * A problem as a GraphQL error: the message is the problem's detail, and extensions.code names its kind in the
 * conventional GraphQL vocabulary (BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, RATE_LIMITED, UNAVAILABLE,
 * INTERNAL),
 * so that a client tells an unknown KPI from a forbidden one or a database that is down. A client's error is not
 * logged as the service's: no stack trace for an unknown KPI.
 */
public final class GraphQLProblems {

    private static final Logger LOG = Logger.getLogger(GraphQLProblems.class);

    private GraphQLProblems() {
    }

    /** The GraphQL error for a failure: a problem by its kind, a database fault as UNAVAILABLE, anything else as it is. */
    public static Throwable of(Throwable failure) {
        Throwable translated = DatabaseErrors.translate(failure);
        if (!(translated instanceof ProblemException problem)) {
            // the GraphQL layer prints no failures (print-data-fetcher-exception=false): an unexpected one is logged here
            LOG.error("Unexpected failure of a GraphQL field", failure);
            return new Internal("Internal error; the service logged it under the X-Request-Id of this answer");
        }
        if (problem.type().status() >= 500) {
            LOG.warnf("%s on a GraphQL field: %s", problem.type().title, failure);
        }
        // a GraphQL client sent arguments, not query parameters: name the argument, without REST's wording
        String detail = problem.errors().isEmpty() ? problem.getMessage()
                : String.join("; ", problem.errors().stream().map(e -> "Argument " + e.field() + " " + e.message()).toList());
        return switch (problem.type()) {
            case UNAUTHENTICATED -> new Unauthenticated(detail);
            case FORBIDDEN -> new Forbidden(detail);
            case NOT_FOUND -> new NotFound(detail);
            case RATE_LIMITED -> new RateLimited(detail);
            case SERVICE_UNAVAILABLE, TIMEOUT -> new Unavailable(detail);
            default -> problem.type().status() < 500 ? new BadUserInput(detail) : new Internal(detail);
        };
    }

    /** The base of the GraphQL errors; the GraphQL layer shows the messages of its subclasses to the client. */
    public abstract static class GraphQLProblem extends RuntimeException {
        GraphQLProblem(String detail) {
            super(detail, null, false, false);
        }
    }

    @ErrorCode("BAD_USER_INPUT")
    public static final class BadUserInput extends GraphQLProblem {
        BadUserInput(String detail) {
            super(detail);
        }
    }

    @ErrorCode("UNAUTHENTICATED")
    public static final class Unauthenticated extends GraphQLProblem {
        Unauthenticated(String detail) {
            super(detail);
        }
    }

    @ErrorCode("FORBIDDEN")
    public static final class Forbidden extends GraphQLProblem {
        Forbidden(String detail) {
            super(detail);
        }
    }

    @ErrorCode("NOT_FOUND")
    public static final class NotFound extends GraphQLProblem {
        NotFound(String detail) {
            super(detail);
        }
    }

    @ErrorCode("RATE_LIMITED")
    public static final class RateLimited extends GraphQLProblem {
        RateLimited(String detail) {
            super(detail);
        }
    }

    @ErrorCode("UNAVAILABLE")
    public static final class Unavailable extends GraphQLProblem {
        Unavailable(String detail) {
            super(detail);
        }
    }

    @ErrorCode("INTERNAL")
    public static final class Internal extends GraphQLProblem {
        Internal(String detail) {
            super(detail);
        }
    }
}
