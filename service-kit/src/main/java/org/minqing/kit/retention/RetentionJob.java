package org.minqing.kit.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.minqing.kit.time.AppClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * L4: bounded growth of the bookkeeping tables. Once a day (and on demand, {@link #purge()}) it
 * deletes, in batches, rows older than their retention:
 * <ul>
 * <li>{@code processed_event} (the inbox's record of handled events) after
 * {@code minqing.retention.processed-events} (default 60 days: longer than any topic keeps an event,
 * 7 days, or a dead letter, 30 days, so no redelivery can arrive after its record is gone; start-up
 * refuses less than 31 days);</li>
 * <li>{@code outbox_event} rows already published ({@code sent_at} set; rows still to be sent are
 * never deleted, a null never compares older) after {@code minqing.retention.published-events}
 * (default 30 days);</li>
 * <li>each table a service names in {@code minqing.retention.purge.<name>=<table>.<timestamp column>:<ISO duration>},
 * e.g. intake's idempotency keys and personal-data access log (see its application.properties).</li>
 * </ul>
 * Deleting the same old rows twice is harmless, so every replica may run it.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String PREFIX = "minqing.retention.purge.";
    private static final int BATCH = 5000;
    /** Dead letters are kept 30 days and can be replayed until then: their ids must outlast that. */
    public static final Duration SHORTEST_PROCESSED_EVENTS = Duration.ofDays(31);

    @Inject
    EntityManager em;

    @Inject
    Config config;

    @Inject
    AppClock clock;

    public record Rule(String table, String column, Duration keep) {
        public static Rule parse(String spec) {
            // <table>.<column>:<duration>
            int colon = spec.indexOf(':');
            int dot = spec.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon) {
                throw new IllegalArgumentException("retention rule must be <table>.<column>:<ISO duration>: " + spec);
            }
            String table = spec.substring(0, dot).trim();
            String column = spec.substring(dot + 1, colon).trim();
            if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
                throw new IllegalArgumentException("retention rule names no plain table and column: " + spec);
            }
            Duration keep = Duration.parse(spec.substring(colon + 1).trim());
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("retention must be positive: " + spec);
            }
            return new Rule(table, column, keep);
        }
    }

    /** Every rule in force: the inbox's, then the service's own. */
    public Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        Duration inbox = config.getOptionalValue("minqing.retention.processed-events", Duration.class)
                .orElse(Duration.ofDays(60));
        if (inbox.compareTo(SHORTEST_PROCESSED_EVENTS) < 0) {
            throw new IllegalStateException("minqing.retention.processed-events must be at least "
                    + SHORTEST_PROCESSED_EVENTS + " (dead letters are kept 30 days), not " + inbox);
        }
        rules.put("processed-events", new Rule("processed_event", "processed_at", inbox));
        rules.put("published-events", new Rule("outbox_event", "sent_at",
                config.getOptionalValue("minqing.retention.published-events", Duration.class).orElse(Duration.ofDays(30))));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(spec -> rules.put(name.substring(PREFIX.length()), Rule.parse(spec)));
            }
        }
        return rules;
    }

    /** A retention that would lose redeliveries' records stops the service at start, not months later. */
    void check(@Observes StartupEvent event) {
        rules();
    }

    @Scheduled(cron = "${minqing.retention.cron:0 17 3 * * ?}", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("retention purge failed (tried again tomorrow): %s", e.toString());
        }
    }

    /** Deletes what has outlived its retention; returns rows deleted per rule. */
    public Map<String, Long> purge() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        rules().forEach((name, rule) -> {
            Instant cutoff = clock.instant().minus(rule.keep());
            long total = 0;
            int n;
            do {
                // Rule names come from validated identifiers only.
                String table = '"' + rule.table() + '"';
                String sql = "delete from " + table + " where ctid in (select ctid from " + table
                        + " where \"" + rule.column() + "\" < :cutoff limit " + BATCH + ")";
                n = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                        .setParameter("cutoff", java.sql.Timestamp.from(cutoff)).executeUpdate());
                total += n;
            } while (n == BATCH);
            if (total > 0) {
                LOG.infof("retention: deleted %d rows of %s older than %s", total, rule.table(), rule.keep());
            }
            deleted.put(name, total);
        });
        return deleted;
    }
}
