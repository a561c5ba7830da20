package org.minqing.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long delivery records are kept (L4); see the module README, "Retention". */
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
     * Handled-event ids (processed_event, the consumers' de-duplication). Must outlast every copy of
     * an event that can still arrive: topics keep 7 days, dead letters 30, so at least 31 days.
     */
    @WithDefault("P45D")
    Duration processedEvents();

    /** Delivery attempts (notice_attempt). */
    @WithDefault("P180D")
    Duration attempts();

    /**
     * Finished notices (SENT, SKIPPED, DEAD), in-app inbox items among them, with their attempts.
     * Never shorter than processed events: the notice row is what keeps a replayed event from
     * planning the notice again.
     */
    @WithDefault("P365D")
    Duration notices();

    /** Outbox rows already published to Kafka. */
    @WithDefault("P30D")
    Duration publishedEvents();
}
