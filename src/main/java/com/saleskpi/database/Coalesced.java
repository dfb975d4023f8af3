package com.saleskpi.database;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Work that one signal or many call for: one run at a time; signals during a run cause one more run after it (never
 * lost, never piled up). The run may ask for another itself (answering true: there is more to do).
 */
public final class Coalesced {

    private final Supplier<Uni<Boolean>> work;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public Coalesced(Supplier<Uni<Boolean>> work, Consumer<Throwable> onFailure) {
        this.work = work;
        this.onFailure = onFailure;
    }

    /** Runs the work now, or once more after the run under way. */
    public void signal() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        Uni.createFrom().<Boolean>deferred(work::get).subscribe().with(more -> done(Boolean.TRUE.equals(more)), failure -> {
            onFailure.accept(failure);
            done(false);
        });
    }

    private void done(boolean more) {
        running.set(false);
        if (more || again.get()) {
            signal();
        }
    }
}
