package com.saleskpi.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The buckets of a request in its time zone as signed sums of the spans that the rollups of instants keep (UTC months
 * and days) and of short spans read from the base tables, so that a dashboard in Berlin, Los Angeles or Kolkata reads
 * about as many rollup rows as one in UTC.
 *
 * A bucket is the instants from its first local midnight to the one after its last day. Each of those two bounds moves
 * to the nearest UTC midnight; the days between then move their bounds to the nearest first of a month. What a move
 * adds is a piece with sign -1, what it leaves out a piece with sign +1: a bucket of March in Berlin is the month of
 * March, plus the hour before it (February 28, 23:00 UTC on), less the two hours after March 31, 22:00 UTC. Whatever
 * the zone, a bound costs at most 15 day rows and 12 hours of base rows per rollup key.
 */
record BucketPieces(List<Piece> pieces, LocalDate firstDay, LocalDate lastDay) {

    /** What a piece reads: a monthly rollup row (day: the first of the month), a daily one, or base rows [start, end). */
    enum Level {
        MONTH, DAY, INSTANTS;

        /** The table of a statement that holds this level's pieces (KpiSql binds one per level present). */
        String table() {
            return "pieces_" + name().toLowerCase();
        }
    }

    /** The levels of the pieces: what a statement reads rows of. */
    Set<Level> levelsPresent() {
        Set<Level> present = EnumSet.noneOf(Level.class);
        pieces.forEach(piece -> present.add(piece.level));
        return present;
    }

    /**
     * The pieces of one level as a statement's table named {@link Level#table()} (bucket_start, day, span_start, span_end,
     * sign), each column bound as one array by bind. A table per level, not one with a level column, lets the planner
     * count each level's rows: filtered by level, 106 instant pieces of a weekly series in Kolkata were estimated as 3,
     * and the base rows of a year were compared with each of them.
     */
    String table(Level level, Function<Object, String> bind) {
        List<Piece> of = pieces.stream().filter(piece -> piece.level == level).toList();
        return level.table() + "(bucket_start, day, span_start, span_end, sign) as (select * from unnest("
                + bind.apply(of.stream().map(Piece::bucketStart).toArray(LocalDate[]::new)) + "::date[], "
                + bind.apply(of.stream().map(Piece::day).toArray(LocalDate[]::new)) + "::date[], "
                + bind.apply(of.stream().map(p -> p.start.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)) + "::timestamptz[], "
                + bind.apply(of.stream().map(p -> p.end.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)) + "::timestamptz[], "
                + bind.apply(of.stream().map(Piece::sign).toArray(Integer[]::new)) + "::int[]))";
    }

    /** day: the UTC day a piece starts on (for INSTANTS too), the first of the month for a MONTH. */
    record Piece(LocalDate bucketStart, Level level, LocalDate day, Instant start, Instant end, int sign) {
    }

    static BucketPieces of(List<LocalDate[]> buckets, ZoneId zone) {
        List<Piece> pieces = new ArrayList<>();
        for (LocalDate[] bucket : buckets) {
            Instant start = bucket[0].atStartOfDay(zone).toInstant();
            Instant end = bucket[1].plusDays(1).atStartOfDay(zone).toInstant();
            LocalDate startDay = nearestUtcMidnight(start);
            LocalDate endDay = nearestUtcMidnight(end);
            if (!startDay.isBefore(endDay)) {
                pieces.add(instants(bucket[0], start, end, 1));
                continue;
            }
            Instant startMidnight = midnight(startDay);
            Instant endMidnight = midnight(endDay);
            if (start.isBefore(startMidnight)) {
                pieces.add(instants(bucket[0], start, startMidnight, 1));
            } else if (start.isAfter(startMidnight)) {
                pieces.add(instants(bucket[0], startMidnight, start, -1));
            }
            if (end.isAfter(endMidnight)) {
                pieces.add(instants(bucket[0], endMidnight, end, 1));
            } else if (end.isBefore(endMidnight)) {
                pieces.add(instants(bucket[0], end, endMidnight, -1));
            }
            addDays(pieces, bucket[0], startDay, endDay);
        }
        LocalDate firstDay = pieces.stream().map(Piece::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate lastDay = pieces.stream().map(p -> switch (p.level) {
            case MONTH -> p.day.plusMonths(1).minusDays(1);
            case DAY -> p.day;
            case INSTANTS -> utcDay(p.end);
        }).max(LocalDate::compareTo).orElseThrow();
        return new BucketPieces(List.copyOf(pieces), firstDay, lastDay);
    }

    /** The UTC days [from, to) as whole months between the firsts of a month nearest to each, corrected by days. */
    private static void addDays(List<Piece> pieces, LocalDate bucketStart, LocalDate from, LocalDate to) {
        LocalDate firstMonth = nearestFirstOfMonth(from);
        LocalDate endMonth = nearestFirstOfMonth(to);
        if (!firstMonth.isBefore(endMonth)) {
            days(pieces, bucketStart, from, to, 1);
            return;
        }
        for (LocalDate month = firstMonth; month.isBefore(endMonth); month = month.plusMonths(1)) {
            pieces.add(new Piece(bucketStart, Level.MONTH, month, midnight(month), midnight(month.plusMonths(1)), 1));
        }
        days(pieces, bucketStart, from, firstMonth, 1);
        days(pieces, bucketStart, firstMonth, from, -1);
        days(pieces, bucketStart, endMonth, to, 1);
        days(pieces, bucketStart, to, endMonth, -1);
    }

    /** The days [from, to), none when to is not after from. */
    private static void days(List<Piece> pieces, LocalDate bucketStart, LocalDate from, LocalDate to, int sign) {
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            pieces.add(new Piece(bucketStart, Level.DAY, day, midnight(day), midnight(day.plusDays(1)), sign));
        }
    }

    private static Piece instants(LocalDate bucketStart, Instant from, Instant to, int sign) {
        return new Piece(bucketStart, Level.INSTANTS, utcDay(from), from, to, sign);
    }

    private static LocalDate nearestUtcMidnight(Instant instant) {
        LocalDate day = utcDay(instant);
        return instant.atOffset(ZoneOffset.UTC).toLocalTime().isBefore(LocalTime.NOON) ? day : day.plusDays(1);
    }

    private static LocalDate nearestFirstOfMonth(LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        LocalDate next = first.plusMonths(1);
        return ChronoUnit.DAYS.between(first, day) <= ChronoUnit.DAYS.between(day, next) ? first : next;
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
