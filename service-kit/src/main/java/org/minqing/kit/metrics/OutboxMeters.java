package org.minqing.kit.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Gauges over the outbox table (发件箱): rows waiting, age of the oldest, rows parked. A scrape
 * never touches the database: one cheap query (count and min over the partial "unsent" rows) runs
 * every few seconds on a worker thread, and the gauges read its last answer. When the query fails
 * the figures keep their last value and the age goes on growing, which is what the alert needs.
 */
@ApplicationScoped
public class OutboxMeters {

    private static final Logger LOG = Logger.getLogger(OutboxMeters.class);

    @Inject
    DataSource dataSource;

    @Inject
    MinqingMeters meters;

    private volatile long waiting;
    private volatile long parked;
    /** created_at of the oldest waiting row, or null when none waits. */
    private volatile Instant oldest;

    void register(@Observes StartupEvent event) {
        Gauge.builder(MinqingMeters.OUTBOX_WAITING, this, m -> m.waiting)
                .description("outbox rows not yet published").register(meters.registry());
        Gauge.builder(MinqingMeters.OUTBOX_OLDEST_AGE, this, OutboxMeters::oldestAgeSeconds)
                .description("age of the oldest unpublished outbox row, seconds").register(meters.registry());
        Gauge.builder(MinqingMeters.OUTBOX_PARKED, this, m -> m.parked)
                .description("outbox rows parked because they cannot be published").register(meters.registry());
    }

    @Scheduled(every = "{minqing.metrics.outbox-refresh}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "minqing-outbox-meters")
    void refresh() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("""
                    select count(*) filter (where parked_at is null),
                           min(created_at) filter (where parked_at is null),
                           count(*) filter (where parked_at is not null)
                    from outbox_event where sent_at is null""")) {
                rs.next();
                waiting = rs.getLong(1);
                Timestamp min = rs.getTimestamp(2);
                oldest = min == null ? null : min.toInstant();
                parked = rs.getLong(3);
            }
        } catch (Exception e) {
            LOG.debugf("outbox meters not refreshed: %s", e.toString());
        }
    }

    /** Rows waiting at the last refresh (for the readiness check's data). */
    public long waiting() {
        return waiting;
    }

    public long parked() {
        return parked;
    }

    public double oldestAgeSeconds() {
        Instant o = oldest;
        return o == null ? 0 : Math.max(0, Duration.between(o, Instant.now()).toMillis() / 1000.0);
    }
}
