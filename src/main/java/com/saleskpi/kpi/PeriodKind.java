package com.saleskpi.kpi;

/**
 * How a fact source places its rows in time. EVENT_DATE: placed by a day; EVENT_INSTANT: by an instant, on its day in the requested time zone; PLACED: rows
 * that already carry their bucket_start (rollups of instants, summed over the pieces of each bucket, see
 * BucketPieces); STATE: evaluated per bucket.
 */
enum PeriodKind {
    EVENT_DATE("period_value"), EVENT_INSTANT("period_value"), PLACED("bucket_start"), STATE(null);

    /** The column a row's day, instant or bucket is selected as. */
    final String column;

    PeriodKind(String column) {
        this.column = column;
    }
}
