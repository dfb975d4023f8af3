package com.saleskpi.kpi;

import java.time.Clock;
import java.time.Instant;

import com.saleskpi.common.problem.ProblemException;

/**
 * Which state of the deals a KPI reads: as they are now, as the database held them at an instant (asOf), or at the end
 * of each bucket of a series (asOfBucketEnds): the versions of opportunity_version in force then, created after it
 * excluded, deleted after it included, every field as it was.
 */
record DealsAsOf(Instant at, boolean bucketEnds) {

    static final DealsAsOf NOW = new DealsAsOf(null, false);

    /** The parameter that names it in an error: the instant's, else the series' flag. */
    static final String PARAMETER = "asOf";

    /** The state a request asks for; an instant in the future, or both an instant and bucket ends, is a 400. */
    static DealsAsOf of(Instant at, Boolean bucketEnds, Clock clock) {
        boolean ends = Boolean.TRUE.equals(bucketEnds);
        if (at != null && ends) {
            throw ProblemException.invalidParameter(PARAMETER, "cannot be given with asOfBucketEnds, which takes each bucket's end");
        }
        if (at != null && at.isAfter(clock.instant())) {
            throw ProblemException.invalidParameter(PARAMETER, "must not lie in the future: " + at);
        }
        return at == null && !ends ? NOW : new DealsAsOf(at, ends);
    }

    boolean now() {
        return at == null && !bucketEnds;
    }

    /** What a fact source's SQL reads for its deals (alias o): the table, or the versions in force at an instant. */
    enum Relation {
        NOW(null), INSTANT(":as_of::timestamptz"), BUCKET_END("((b.bucket_end + 1)::timestamp at time zone :tz)");

        /** The instant the deals are read at, in SQL (null: now). */
        private final String instant;

        Relation(String instant) {
            this.instant = instant;
        }

        String deals() {
            return instant == null ? "opportunity" : versionsAt(instant);
        }

        /** The condition on a stage change h that it had happened by then ("" now). */
        String stageChangedBy() {
            return instant == null ? "" : " and h.entered_at <= " + instant;
        }
    }

    /**
     * The deals as the database held them at an instant (SQL): their versions in force then (valid_from <= instant <
     * valid_to, none: open), deleted ones left out. Written as the range containing the instant, which no btree reads:
     * as "valid_from <= instant" the planner intersected a team's versions (by team and close day) with every version
     * begun before the instant (2.6 million at 1M deals), once per bucket of a trend: 6 s against 3.7.
     */
    static String versionsAt(String instant) {
        return "(select * from opportunity_version v where tstzrange(v.valid_from, v.valid_to) @> " + instant + " and not v.deleted)";
    }

    Relation relation() {
        return at != null ? Relation.INSTANT : bucketEnds ? Relation.BUCKET_END : Relation.NOW;
    }
}
