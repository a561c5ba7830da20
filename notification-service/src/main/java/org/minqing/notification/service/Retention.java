package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.config.RetentionConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Retention (保留期限, L4): finished notices (in-app inbox items among them), delivery attempts,
 * handled-event ids and published outbox rows are deleted once older than their configured period,
 * in batches of bounded size, each batch its own short transaction, a bounded number per run.
 * Notices still to be sent are never deleted, whatever their age.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    /** Events can be redelivered from dead-letter topics for 30 days; their ids must outlast that. */
    static final Duration SHORTEST_PROCESSED_EVENTS = Duration.ofDays(31);

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    RetentionConfig config;

    void check(@Observes StartupEvent event) {
        if (config.processedEvents().compareTo(SHORTEST_PROCESSED_EVENTS) < 0) {
            throw new IllegalStateException("minqing.notification.retention.processed-events must be at least "
                    + SHORTEST_PROCESSED_EVENTS + " (dead letters are kept 30 days), not " + config.processedEvents());
        }
        if (config.notices().compareTo(config.processedEvents()) < 0) {
            throw new IllegalStateException("minqing.notification.retention.notices must not be shorter than processed-events");
        }
        if (config.batchSize() < 1 || config.maxBatches() < 1) {
            throw new IllegalStateException("minqing.notification.retention.batch-size and max-batches must be positive");
        }
    }

    @Scheduled(every = "${minqing.notification.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            Map<String, Integer> purged = purge();
            if (purged.values().stream().anyMatch(n -> n > 0)) {
                LOG.infof("retention: deleted %s", purged);
            }
        }
    }

    /** One run: rows deleted per table. */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put("notice", batches(() -> deleteNotices(now.minus(config.notices()))));
        purged.put("notice_attempt", batches(() -> em.createNativeQuery("""
                delete from notice_attempt where id in (
                  select id from notice_attempt where at < :cutoff order by id limit :n)""")
                .setParameter("cutoff", now.minus(config.attempts())).setParameter("n", config.batchSize())
                .executeUpdate()));
        purged.put("processed_event", batches(() -> em.createNativeQuery("""
                delete from processed_event where ctid in (
                  select ctid from processed_event where processed_at < :cutoff limit :n)""")
                .setParameter("cutoff", now.minus(config.processedEvents())).setParameter("n", config.batchSize())
                .executeUpdate()));
        purged.put("outbox_event", batches(() -> em.createNativeQuery("""
                delete from outbox_event where id in (
                  select id from outbox_event where sent_at is not null and sent_at < :cutoff order by id limit :n)""")
                .setParameter("cutoff", now.minus(config.publishedEvents())).setParameter("n", config.batchSize())
                .executeUpdate()));
        return purged;
    }

    private int deleteNotices(Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select id from notice where state in ('SENT', 'SKIPPED', 'DEAD') and created_at < :cutoff
                order by created_at limit :n""", UUID.class)
                .setParameter("cutoff", cutoff).setParameter("n", config.batchSize()).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        em.createNativeQuery("delete from notice_attempt where notice_id in (:ids)").setParameter("ids", ids).executeUpdate();
        return em.createNativeQuery("delete from notice where id in (:ids) and state in ('SENT', 'SKIPPED', 'DEAD')")
                .setParameter("ids", ids).executeUpdate();
    }

    /** Repeats one batch, each in its own transaction, until a short one or the per-run bound. */
    private int batches(Supplier<Integer> batch) {
        int total = 0;
        for (int i = 0; i < config.maxBatches(); i++) {
            int n = QuarkusTransaction.requiringNew().call(batch::get);
            total += n;
            if (n < config.batchSize()) {
                break;
            }
        }
        return total;
    }
}
