package com.saleskpi.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.saleskpi.security.CallerScope.Role;

/**
 * The one declaration of who owns the records of an entity and who may change them. Every path derives its rule from
 * it ({@link Ownership}): lists, reads, writes, bulk imports, references inside a write, tombstones and the sync
 * feeds, exports, and the role matrix test. An entity with no owner (neither rep, team nor account) is reference data:
 * every role reads all of it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Owned {

    /** Property holding the rep who owns a record ("id" for the rep itself); empty when no rep owns it directly. */
    String rep() default "";

    /** Property holding the team a record belongs to ("id" for the team itself); empty to take the owner rep's team. */
    String team() default "";

    /** Property referring to an account whose owner, when the account has one, owns the record before rep() does. */
    String account() default "";

    /** Property holding the territory a record is placed in (placement only: territories are not a scope). */
    String territory() default "";

    /** Whether an empty team() or territory() is filled from the owner rep's when a record is written. */
    boolean placedWithRep() default false;

    /**
     * A table that triggers keep with every version of the records, with the entity's columns (empty when none): its
     * rows are read under the same rule as the records, by their placement in each version.
     */
    String history() default "";
    /**
     * Whether the reps of a team also read its records that no rep owns (the team's own targets: what the team aims at),
     * besides their own. Reps never write them.
     */
    boolean readByTeamReps() default false;

    /** Roles that may create, change and delete records (each within their scope). */
    Role[] writers();

    /**
     * The validation group of constraints checked once a write's owner is settled (Ownership#fillOwner): an owner that
     * a rep or manager may leave out, and an admin must name.
     */
    interface Given {
    }
}
