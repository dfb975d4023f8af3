package com.saleskpi.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Who a caller is and what the database enforces for them (application.properties, saleskpi.security.*). */
@ConfigMapping(prefix = "saleskpi.security")
public interface SecuritySettings {

    /** The token claim that names a rep (their externalId). */
    String repClaim();

    /** The role a restricted caller's transactions take on, bound by the row-level security policies. */
    String scopedRole();

    /** Off only to measure what the wall costs (the benchmark); the policies stay installed either way. */
    boolean rowLevelSecurity();

    /** Tokens kept once verified. */
    Cache verifiedTokens();

    /** Reps' and managers' scopes kept between requests. */
    Cache scopes();

    interface Cache {
        long maxSize();

        Duration timeToLive();
    }
}
