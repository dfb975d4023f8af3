package com.saleskpi.database;

import java.time.Duration;
import java.util.List;

import com.saleskpi.common.problem.DatabaseErrors;

import io.smallrye.mutiny.Uni;

/**
 * A read whose connection broke under it (a restart, a cut, killed backends) is run again, up to three times after a
 * short pause: the server closes all of a pool's connections at once, and the pause lets the pool drop the other dead
 * ones before the next try takes one of them. Only reads: they have no effect, so they may run again on a new connection.
 */
public final class ReadsAgain {

    /** The pauses before the three reads again; their sum stays under a second, as a caller waits for it. */
    private static final List<Duration> PAUSES = List.of(Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(400));

    private ReadsAgain() {
    }

    public static <T> Uni<T> onLostConnection(Uni<T> read) {
        return after(read, 0);
    }

    /**
     * A recovery rather than Mutiny's retry, which turns every read into a Multi and back (a few percent of a point
     * read's CPU); here a read that succeeds passes one operator, and the next attempt is only built after a failure.
     */
    private static <T> Uni<T> after(Uni<T> read, int failures) {
        if (failures == PAUSES.size()) {
            return read;
        }
        return read.onFailure(DatabaseErrors::connectionLost).recoverWithUni(() -> Uni.createFrom().voidItem()
                .onItem().delayIt().by(PAUSES.get(failures)).chain(() -> after(read, failures + 1)));
    }
}
