package com.saleskpi.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** How webhooks are delivered (application.properties, saleskpi.webhooks.*; the environment variables there). */
@ConfigMapping(prefix = "saleskpi.webhooks")
public interface WebhookSettings {

    /** Whether endpoints may be on loopback, private or link-local addresses (off: a webhook is no way into our network). */
    boolean allowPrivateTargets();

    /** How long a receiver has to answer one delivery. */
    Duration timeout();

    /** Attempts before a delivery goes to the dead-letter list. */
    int maxAttempts();

    /** The wait before the second attempt; it doubles with each attempt after. */
    Duration retryBase();

    /** The longest wait between two attempts. */
    Duration retryMax();

    /** Deliveries one instance sends at once. */
    int concurrency();
}
