package com.saleskpi.sync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How long the sync feeds can go back (application.properties, saleskpi.sync.*). */
@ConfigMapping(prefix = "saleskpi.sync")
public interface SyncSettings {

    /** Tombstones (and idempotency keys' records) older than this are purged; an older sync point gets 410. */
    Duration tombstoneRetention();

    /** How often the purge runs (the scheduler reads the property itself). */
    String purgeEvery();
}
