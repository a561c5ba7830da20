package org.minqing.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.kit.outbox.Outbox;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.config.NotificationConfig;
import org.minqing.notification.service.Delivery.Claimed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Claims due notices (认领待发通知) one at a time, each in its own transaction: PENDING/FAILED →
 * SENDING with attempts + 1 and a lease; a notice at the attempt limit turns DEAD instead, and a
 * non-urgent SMS in quiet hours is deferred to their end. A notice already SENT is never due again,
 * so redelivered events and concurrent dispatchers send nothing twice.
 */
@ApplicationScoped
class NoticeClaims {

    private static final String DUE = """
            ((state in ('PENDING', 'FAILED') and next_attempt_at <= :now)
              or (state = 'SENDING' and claimed_until < :now))""";
    /**
     * The same condition as {@link #DUE}, as two index scans: with a backlog of pending notices the
     * OR made PostgreSQL read and sort the whole table on every pass.
     */
    private static final String DUE_NOW = """
            select id from (
              (select id, next_attempt_at from notice
                where state in ('PENDING', 'FAILED') and next_attempt_at <= :now order by next_attempt_at limit :n)
              union all
              (select id, next_attempt_at from notice
                where state = 'SENDING' and claimed_until < :now order by claimed_until limit :n)
            ) due order by next_attempt_at limit :n""";

    @Inject
    EntityManager em;
    @Inject
    NotificationConfig config;
    @Inject
    QuietHours quietHours;
    @Inject
    Outbox outbox;
    @Inject
    OutcomeRecorder recorder;

    /** The ids of at most {@code n} notices due at {@code now}, oldest first. */
    List<UUID> due(Instant now, int n) {
        return em.createNativeQuery(DUE_NOW, UUID.class).setParameter("now", now).setParameter("n", n).getResultList();
    }

    /** Claims a due notice, or defers a non-urgent SMS in quiet hours; null when there is nothing to send now. */
    Claimed claim(UUID id, Instant now) {
        Notice n = em.find(Notice.class, id);
        if (n == null) {
            return null;
        }
        // The attempt limit holds here too: a notice whose lease lapsed on its last attempt is not sent again.
        int exhausted = em.createNativeQuery("update notice set state = 'DEAD', claimed_until = null,"
                + " last_error = :why where id = :id and attempts >= :max and " + DUE)
                .setParameter("why", "已达最大尝试次数 / attempt limit reached").setParameter("id", id)
                .setParameter("max", config.maxAttempts()).setParameter("now", now).executeUpdate();
        if (exhausted == 1) {
            em.refresh(n);
            recorder.countOutcome(n.channel, "DEAD");
            outbox.publish(Topics.NOTICE.topic(), OutcomeRecorder.envelope(n, EventType.NOTICE_FAILED,
                    new NoticeFailed(n.id.toString(), n.sourceEventId.toString(), n.sourceEventType,
                            n.channel.toEvent(), n.recipientKind, n.recipientId, n.attempts, n.lastError, true)));
            return null;
        }
        if (n.channel == Channel.SMS && !n.urgent && quietHours.isQuiet(now)) {
            em.createNativeQuery("update notice set next_attempt_at = :at, claimed_until = null,"
                    + " state = case when state = 'SENDING' then 'FAILED' else state end,"
                    + " last_error = '免打扰时段，顺延至 08:00 / quiet hours: deferred to 08:00' where id = :id and " + DUE)
                    .setParameter("at", quietHours.nextEnd(now)).setParameter("id", id).setParameter("now", now)
                    .executeUpdate();
            return null;
        }
        int claimed = em.createNativeQuery("update notice set state = 'SENDING', attempts = attempts + 1,"
                + " claimed_until = :lease where id = :id and attempts < :max and " + DUE)
                .setParameter("lease", now.plus(config.claimLease())).setParameter("id", id).setParameter("now", now)
                .setParameter("max", config.maxAttempts()).executeUpdate();
        if (claimed != 1) {
            return null;
        }
        em.refresh(n);
        return new Claimed(n.id, n.sourceEventId, n.sourceEventType, n.correlationId, n.jurisdiction, n.recipientKind,
                n.recipientId, n.channel, n.legallyRequired, n.urgent, n.params, n.attempts, n.traceParent);
    }
}
