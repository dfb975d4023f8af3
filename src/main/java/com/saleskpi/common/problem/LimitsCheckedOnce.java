package com.saleskpi.common.problem;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;

/**
 * graphql-java's depth and complexity limits (quarkus.smallrye-graphql.instrumentation-query-*), each run once per query
 * document, operation and variables: the verdict depends on nothing else, and walking the document again took 10 % of
 * the CPU of a dashboard answered from the KPI cache. Queries alone: a mutation's variables may be large, and it is
 * rarely sent twice. A document over a limit is refused every time (it is never remembered).
 */
final class LimitsCheckedOnce implements Instrumentation {

    private static final int QUERIES_REMEMBERED = 2_000;

    private final Instrumentation limit;
    private final Cache<List<Object>, Boolean> passed = Caffeine.newBuilder().maximumSize(QUERIES_REMEMBERED).build();

    private LimitsCheckedOnce(Instrumentation limit) {
        this.limit = limit;
    }

    /** The instrumentation SmallRye configured, with each of graphql-java's limits in it checked once per query. */
    static Instrumentation wrap(Instrumentation configured) {
        if (configured instanceof ChainedInstrumentation chained) {
            return new ChainedInstrumentation(chained.getInstrumentations().stream().map(LimitsCheckedOnce::wrap).toList());
        }
        boolean limit = configured instanceof MaxQueryDepthInstrumentation || configured instanceof MaxQueryComplexityInstrumentation;
        return limit ? new LimitsCheckedOnce(configured) : configured;
    }

    // the limits override these three methods alone (SimplePerformantInstrumentation does nothing in the others)

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return limit.createStateAsync(parameters);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        return limit.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (parameters.getExecutionContext().getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return limit.beginExecuteOperation(parameters, state);
        }
        ExecutionInput input = parameters.getExecutionContext().getExecutionInput();
        List<Object> query = List.of(input.getQuery(), String.valueOf(input.getOperationName()), input.getVariables());
        if (passed.getIfPresent(query) != null) {
            return SimpleInstrumentationContext.noOp();
        }
        // throws when the document is over the limit
        InstrumentationContext<ExecutionResult> context = limit.beginExecuteOperation(parameters, state);
        passed.put(query, Boolean.TRUE);
        return context;
    }
}
