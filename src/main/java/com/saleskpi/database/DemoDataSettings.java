package com.saleskpi.database;

import io.smallrye.config.ConfigMapping;

/** The demo data set an empty database is filled with (application.properties, saleskpi.demo-data.*; on in dev mode). */
@ConfigMapping(prefix = "saleskpi.demo-data")
public interface DemoDataSettings {

    boolean enabled();

    /** Opportunities generated; the other records scale with them. */
    int opportunities();
}
