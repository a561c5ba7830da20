package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.minqing.kit.retention.RetentionJob;
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
 * Retention of finished notices (保留期限, L4): SENT, SKIPPED and DEAD notices (in-app inbox items
 * among them) with their attempts, once older than their period, in bounded batches, each its own
 * short transaction. What a plain age rule can do (handled-event ids, published outbox rows, old
 * delivery attempts) is the kit's {@link RetentionJob}; this is only what needs the notice's state:
 * a notice still to be sent is never deleted, whatever its age.
 */
@ApplicationScoped
public class NoticeRetention {

    private static final Logger LOG = Logger.getLogger(NoticeRetention.class);

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    RetentionConfig config;

    @ConfigProperty(name = "minqing.retention.processed-events", defaultValue = "P60D")
    Duration processedEvents;

    void check(@Observes StartupEvent event) {
        // The notice row is what stops a replayed event planning it again: it must outlive the event's id.
        if (config.notices().compareTo(processedEvents) < 0) {
            throw new IllegalStateException("minqing.notification.retention.notices (" + config.notices()
                    + ") must not be shorter than minqing.retention.processed-events (" + processedEvents + ")");
        }
        if (config.batchSize() < 1 || config.maxBatches() < 1) {
            throw new IllegalStateException("minqing.notification.retention.batch-size and max-batches must be positive");
        }
    }

    @Scheduled(every = "${minqing.notification.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.enabled()) {
            int purged = purge();
            if (purged > 0) {
                LOG.infof("retention: deleted %d finished notices", purged);
            }
        }
    }

    /** One run: finished notices deleted; repeats a batch until a short one or the per-run bound. */
    public int purge() {
        Instant cutoff = clock.instant().minus(config.notices());
        int total = 0;
        for (int i = 0; i < config.maxBatches(); i++) {
            int n = QuarkusTransaction.requiringNew().call(() -> deleteNotices(cutoff));
            total += n;
            if (n < config.batchSize()) {
                break;
            }
        }
        return total;
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
}
