package org.minqing.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay runs ({@code minqing.outbox.*}); the defaults suit one small instance. */
@ConfigMapping(prefix = "minqing.outbox")
public interface OutboxSettings {

    /** Off only in tests that drive the relay by hand. */
    @WithDefault("true")
    boolean enabled();

    /** Rows read per pass. */
    @WithDefault("500")
    int batchSize();

    @WithDefault("PT1S")
    Duration pollInterval();

    /** The longest wait between passes while the broker is down. */
    @WithDefault("PT5S")
    Duration maxBackoff();

    /** Published rows are kept this long for inspection, then purged. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * L1: a row that keeps failing while other rows reach the broker is parked after this many
     * attempts (a row the broker refuses outright, e.g. too large, is parked at once).
     */
    @WithDefault("20")
    int maxAttempts();
}
