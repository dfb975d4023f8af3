package com.saleskpi.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jboss.logging.Logger;

import com.saleskpi.common.crud.IdempotencyKeys;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How long sync bookkeeping is kept: tombstones for the configured retention (a sync point older than that can no
 * longer learn every deletion), Idempotency-Keys for their documented lifetime. Expired rows are deleted
 * periodically; running the purge on several replicas at once is harmless.
 */
@ApplicationScoped
public class SyncRetention {

    private static final Logger LOG = Logger.getLogger(SyncRetention.class);

    private final Pool pool;
    private final Duration tombstoneRetention;
    private final Clock clock = Clock.systemUTC();

    public SyncRetention(Pool pool, SyncSettings settings) {
        this.pool = pool;
        this.tombstoneRetention = settings.tombstoneRetention();
    }

    public Duration tombstoneRetention() {
        return tombstoneRetention;
    }

    /** The oldest sync point from which every deletion is still known. */
    public Instant oldestCompleteSyncPoint() {
        return clock.instant().minus(tombstoneRetention);
    }

    /** Refuses (410) a sync point from before the oldest tombstone kept: what was deleted before can no longer be told. */
    public void checkSyncPoint(Instant since, String scope) {
        if (since.isBefore(oldestCompleteSyncPoint())) {
            throw new ProblemException(ProblemType.SYNC_POINT_EXPIRED, "Deletions are kept for " + tombstoneRetention
                    + "; a sync point before " + oldestCompleteSyncPoint() + " must sync " + scope + " in full",
                    List.of(new Problem.FieldError("since", "is older than the tombstone retention")));
        }
    }

    @Scheduled(every = "${saleskpi.sync.purge-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purgeExpired() {
        return com.saleskpi.database.PooledStatements.execute(pool, """
                with tombstones as (delete from deleted_record where deleted_at < $1 returning 1),
                     keys as (delete from idempotency_record where %s returning 1)
                select (select count(*) from tombstones), (select count(*) from keys)""".formatted(IdempotencyKeys.EXPIRED),
                Tuple.of(OffsetDateTime.ofInstant(oldestCompleteSyncPoint(), ZoneOffset.UTC)))
                .invoke(rows -> rows.forEach(row -> LOG.infof("Purged %d expired tombstones and %d expired idempotency keys",
                        row.getLong(0), row.getLong(1))))
                .replaceWithVoid();
    }
}
