package org.minqing.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long finished notices are kept (L4); the rest is the kit's RetentionJob. See the module README, "Retention". */
@ConfigMapping(prefix = "minqing.notification.retention")
public interface RetentionConfig {

    @WithDefault("true")
    boolean enabled();

    /** How often the purge runs (a scheduler "every" value). */
    @WithDefault("1h")
    String every();

    /** Rows deleted per transaction. */
    @WithDefault("1000")
    int batchSize();

    /** Batches per table per run, so one run is bounded too; the rest waits for the next run. */
    @WithDefault("100")
    int maxBatches();

    /**
     * Finished notices (SENT, SKIPPED, DEAD), in-app inbox items among them, with their attempts.
     * Never shorter than {@code minqing.retention.processed-events}: the notice row is what keeps a replayed event from
     * planning the notice again.
     */
    @WithDefault("P365D")
    Duration notices();
}
