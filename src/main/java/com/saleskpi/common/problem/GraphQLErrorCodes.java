package com.saleskpi.common.problem;

import static graphql.ErrorType.NullValueInNonNullableField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.saleskpi.common.problem.GraphQLProblems.GraphQLProblem;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;
import io.smallrye.graphql.spi.EventingService;

/**
 * extensions.code on every GraphQL error. graphql-java's own, raised before any of our fields runs: a query that does not parse
 * (GRAPHQL_PARSE_FAILED), does not validate against the schema (GRAPHQL_VALIDATION_FAILED), or whose variables do not
 * fit their types, or that is too deep or complex (BAD_USER_INPUT); anything else graphql-java reports is INTERNAL.
 * These are the codes GraphQL clients know. The failures of our own fields are GraphQLProblems, whose code is written
 * here too.
 *
 * Installed as a SmallRye eventing service (META-INF/services) that is always on: SmallRye's CDI events, the other way
 * to reach the GraphQL.Builder, resolve observers for every field of every request (7 % of a cached dashboard's CPU).
 */
public class GraphQLErrorCodes implements Instrumentation, EventingService {

    private static final String PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    private static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    private static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    private static final String INTERNAL = "INTERNAL";

    /**
     * SmallRye reports an argument it could not convert (a malformed id in an input object, say) as a validation error
     * whose message quotes the raw value and the Java class; the client gets the argument's name instead.
     */
    private static final Pattern SMALLRYE_ARGUMENT_ERROR = Pattern.compile("argument '([^']+)' with value ");

    /** No setting turns it off. */
    @Override
    public String getConfigKey() {
        return null;
    }

    /**
     * Runs after the instrumentations SmallRye configured (depth and complexity limits, each checked once per query:
     * LimitsCheckedOnce), which stay.
     */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Instrumentation configured = LimitsCheckedOnce.wrap(builder.build().getInstrumentation());
        return builder.instrumentation(new ChainedInstrumentation(List.of(configured, this)));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().stream().allMatch(GraphQLErrorCodes::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        Set<List<Object>> failedPaths = result.getErrors().stream().filter(e -> e.getErrorType() != NullValueInNonNullableField)
                .map(e -> e.getPath() == null ? List.of() : e.getPath()).collect(Collectors.toSet());
        List<GraphQLError> coded = result.getErrors().stream().filter(e -> !isConsequence(e, failedPaths))
                .map(e -> hasCode(e) ? e : withCode(e)).toList();
        return CompletableFuture.completedFuture(result.transform(r -> r.errors(coded)));
    }

    /**
     * A field that failed is null; when it is declared non-null graphql-java adds a second error saying so, which is no
     * fault of its own: the failure is already reported, at that path or (SmallRye's argument errors) at none.
     */
    private static boolean isConsequence(GraphQLError error, Set<List<Object>> failedPaths) {
        return error.getErrorType() == NullValueInNonNullableField
                && (failedPaths.contains(error.getPath()) || failedPaths.contains(List.of()));
    }

    /**
     * Errors that need no code from here: those that have one, and failures of fields other than our problems, which
     * SmallRye codes from their exception.
     */
    private static boolean hasCode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching failure) {
            return !(failure.getException() instanceof GraphQLProblem);
        }
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("classification", String.valueOf(error.getErrorType()));
        Matcher argument = SMALLRYE_ARGUMENT_ERROR.matcher(error.getMessage());
        boolean badArgument = error instanceof ValidationError && argument.lookingAt();
        extensions.put("code", badArgument ? BAD_USER_INPUT : codeOf(error));
        String message = badArgument ? "Argument " + argument.group(1) + " holds a value that does not fit its type"
                + " (ids are UUIDs, dates ISO-8601 days)" : error.getMessage();
        return GraphqlErrorBuilder.newError().message(message).locations(error.getLocations()).path(error.getPath())
                .errorType(error.getErrorType()).extensions(extensions).build();
    }

    private static String codeOf(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching failure && failure.getException() instanceof GraphQLProblem problem) {
            return problem.code();
        }
        if (error instanceof ValidationError) {
            return VALIDATION_FAILED;
        }
        if (!(error.getErrorType() instanceof ErrorType type)) {
            return INTERNAL;
        }
        return switch (type) {
            case InvalidSyntax -> PARSE_FAILED;
            case ValidationError, OperationNotSupported, ExecutionAborted -> BAD_USER_INPUT;
            case DataFetchingException, NullValueInNonNullableField -> INTERNAL;
        };
    }
}
