package com.saleskpi.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.crud.IdempotencyKeys;
import com.saleskpi.common.problem.DatabaseErrors;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemMappers;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.common.problem.UncheckedJsonException;
import com.saleskpi.security.CallerScope;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolationException;

/**
 * Writes an import's rows: batch by batch in one transaction (ALL_OR_NOTHING) or one per batch (VALID_ROWS), a failed
 * batch replayed row by row to name the row at fault, once per Idempotency-Key.
 */
@jakarta.inject.Singleton
public class ImportService {

    public enum Mode {
        /** One bad row rejects the file; nothing is written. */
        ALL_OR_NOTHING,
        /** Good rows are written, bad ones reported. */
        VALID_ROWS
    }

    @Schema(name = "ImportReport")
    public record Report(Mode mode, int rows, int created, int updated, int unchanged, int failed, List<Problem.FieldError> errors) {
    }

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** Rows written per flush on the fast path. */
    private static final int BATCH = 1500;

    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public ImportService(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** The caller's Idempotency-Key for this file, with the fingerprint of what was sent. */
    record Retry(String caller, String key, String hash) {
    }

    record Imported(Report report, boolean replayed) {
    }

    /** A batch that failed; the import is then replayed row by row. */
    private static final class BatchFailed extends RuntimeException {
        BatchFailed(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Runs the import once per Idempotency-Key, inside the transaction that claims the key: a retry waits for that
     * transaction and gets the stored report; a failed import leaves the key unused, as its transaction rolls back.
     */
    private Uni<Imported> once(Retry retry, java.util.function.Supplier<Uni<Report>> work) {
        if (retry == null) {
            return work.get().map(report -> new Imported(report, false));
        }
        return IdempotencyKeys.claim(retry.caller(), retry.key(), retry.hash()).chain(claimed -> claimed
                ? work.get().call(report -> IdempotencyKeys.remember(retry.caller(), retry.key(), 200, null, json.valueToTree(report).toString()))
                        .map(report -> new Imported(report, false))
                : replay(retry));
    }

    private Uni<Imported> replay(Retry retry) {
        return IdempotencyKeys.replay(retry.caller(), retry.key(), retry.hash(), json).map(stored -> {
            try {
                return new Imported(json.treeToValue(stored.body(), Report.class), true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("A stored import report cannot be read back", e);
            }
        });
    }

    /**
     * All rows in one transaction, batch by batch. When a batch fails, everything is rolled back and the file is
     * replayed row by row, which names the row at fault (and writes nothing, as the first bad row stops it).
     */
    Uni<Imported> allOrNothing(CrudService<?> service, List<JsonNode> rows, ObjectMapper reader, CallerScope scope, Retry retry) {
        Tally tally = new Tally();
        return Panache.withTransaction(() -> once(retry, () -> Multi.createFrom().range(0, batchCount(rows))
                .onItem().transformToUniAndConcatenate(b -> service.upsertBatch(batch(rows, b), reader, scope).invoke(tally::addAll))
                .collect().last()
                // a database out of reach is no row's fault: it fails the import (503), with no replay
                .onFailure(failure -> !DatabaseErrors.unavailable(failure)).transform(BatchFailed::new)
                .replaceWith(() -> tally.report(Mode.ALL_OR_NOTHING, rows.size()))))
                .onFailure(BatchFailed.class).recoverWithUni(failure -> {
                    LOG.debugf("Batched import failed (%s); replaying it row by row", failure.getCause().toString());
                    countReplay(service);
                    return rowByRowAllOrNothing(service, rows, reader, scope, retry);
                });
    }

    private Uni<Imported> rowByRowAllOrNothing(CrudService<?> service, List<JsonNode> rows, ObjectMapper reader, CallerScope scope,
            Retry retry) {
        Tally tally = new Tally();
        int[] current = { -1 };
        return Panache.withTransaction(() -> once(retry, () -> Multi.createFrom().range(0, rows.size())
                .onItem().transformToUniAndConcatenate(i -> {
                    current[0] = i;
                    return service.upsert(rows.get(i), reader, scope).invoke(tally::add);
                }).collect().last()
                .replaceWith(() -> tally.report(Mode.ALL_OR_NOTHING, rows.size()))))
                // failures before the first row (the Idempotency-Key's) stay as they are
                .onFailure(failure -> current[0] >= 0).transform(failure -> {
                    List<Problem.FieldError> errors = rowErrors(current[0] + 1, failure, service);
                    return new ProblemException(ProblemType.VALIDATION_FAILED, "Row " + (current[0] + 1)
                            + " is invalid; nothing was imported", errors);
                });
    }

    /**
     * Each batch in its own transaction; a batch that fails is replayed row by row, each row in its own transaction.
     * The Idempotency-Key is claimed first and the report stored at the end (a retry in between gets 409).
     */
    Uni<Imported> validRows(CrudService<?> service, List<JsonNode> rows, ObjectMapper reader, CallerScope scope, Retry retry) {
        if (retry == null) {
            return validRows(service, rows, reader, scope).map(report -> new Imported(report, false));
        }
        return Panache.withTransaction(() -> IdempotencyKeys.claim(retry.caller(), retry.key(), retry.hash())).chain(claimed -> claimed
                ? validRows(service, rows, reader, scope)
                        .call(report -> Panache.withTransaction(() -> IdempotencyKeys.remember(retry.caller(), retry.key(), 200, null,
                                json.valueToTree(report).toString())))
                        .onFailure().call(() -> Panache.withTransaction(() -> IdempotencyKeys.release(retry.caller(), retry.key())))
                        .map(report -> new Imported(report, false))
                : Panache.withSession(() -> replay(retry)));
    }

    private Uni<Report> validRows(CrudService<?> service, List<JsonNode> rows, ObjectMapper reader, CallerScope scope) {
        Tally tally = new Tally();
        return Multi.createFrom().range(0, batchCount(rows))
                .onItem().transformToUniAndConcatenate(b -> Panache.withTransaction(() -> service.upsertBatch(batch(rows, b), reader, scope))
                        .invoke(tally::addAll)
                        .replaceWithVoid()
                        .onFailure(failure -> !DatabaseErrors.unavailable(failure)).invoke(failure -> {
                            LOG.debugf("Import batch %d failed (%s); replaying it row by row", b, failure.toString());
                            countReplay(service);
                        })
                        .onFailure(failure -> !DatabaseErrors.unavailable(failure)).recoverWithUni(() -> Multi.createFrom().range(b * BATCH, Math.min(rows.size(), (b + 1) * BATCH))
                                .onItem().transformToUniAndConcatenate(i -> Panache.withTransaction(() -> service.upsert(rows.get(i), reader, scope))
                                        .invoke(tally::add)
                                        .onFailure(failure -> !DatabaseErrors.unavailable(failure)).recoverWithItem(failure -> {
                                            tally.fail(rowErrors(i + 1, failure, service));
                                            return null;
                                        }))
                                .collect().last().replaceWithVoid()))
                .collect().last()
                .replaceWith(() -> tally.report(Mode.VALID_ROWS, rows.size()));
    }

    private static int batchCount(List<JsonNode> rows) {
        return (rows.size() + BATCH - 1) / BATCH;
    }

    private static List<JsonNode> batch(List<JsonNode> rows, int index) {
        return rows.subList(index * BATCH, Math.min(rows.size(), (index + 1) * BATCH));
    }

    /** What an import did so far. */
    private static final class Tally {
        private final int[] outcomes = new int[CrudService.UpsertOutcome.values().length];
        private final List<Problem.FieldError> errors = new ArrayList<>();
        private int failed;

        void add(CrudService.UpsertOutcome outcome) {
            outcomes[outcome.ordinal()]++;
        }

        void addAll(List<CrudService.UpsertOutcome> batch) {
            batch.forEach(this::add);
        }

        void fail(List<Problem.FieldError> rowErrors) {
            failed++;
            errors.addAll(rowErrors);
        }

        Report report(Mode mode, int rows) {
            return new Report(mode, rows, outcomes[0], outcomes[1], outcomes[2], failed, errors);
        }
    }

    /** Rows imported, by collection and outcome (metric saleskpi_import_rows_total). */
    void count(String collection, Report report) {
        Map.of("created", report.created(), "updated", report.updated(), "unchanged", report.unchanged(), "failed", report.failed())
                .forEach((outcome, rows) -> metrics.counter("saleskpi.import.rows", "collection", collection, "outcome", outcome)
                        .increment(rows));
    }

    /**
     * Batches replayed row by row, by table (metric saleskpi_import_batch_replays_total): a file with bad rows causes
     * some; a valid file none, unless the batched path itself is broken.
     */
    private void countReplay(CrudService<?> service) {
        metrics.counter("saleskpi.import.batch.replays", "table", service.table()).increment();
    }

    /** The errors of one row, each field prefixed with the row: "rows[3].amount". */
    private static List<Problem.FieldError> rowErrors(int row, Throwable failure, CrudService<?> service) {
        Throwable problem = service.translate(failure);
        String prefix = "rows[" + row + "]";
        if (problem instanceof ConstraintViolationException violations) {
            return violations.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(prefix + "." + v.getPropertyPath(), v.getMessage())).sorted(
                            java.util.Comparator.comparing(Problem.FieldError::field)).toList();
        }
        if (problem instanceof UncheckedJsonException unreadable) {
            return List.of(unreadable.json() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? new Problem.FieldError(prefix + "." + ProblemMappers.jsonPath(mapping), ProblemMappers.describe(mapping))
                    : new Problem.FieldError(prefix, "cannot be read"));
        }
        if (problem instanceof ProblemException known) {
            return known.errors().isEmpty() ? List.of(new Problem.FieldError(prefix, known.getMessage()))
                    : known.errors().stream().map(e -> new Problem.FieldError(prefix + "." + e.field(), e.message())).toList();
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

}
