package org.minqing.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.kit.outbox.Outbox;
import org.minqing.notification.Notice;
import org.minqing.notification.config.NotificationConfig;
import org.minqing.notification.service.Delivery.Claimed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Claims due notices (认领待发通知) a batch at a time, in one transaction: PENDING/FAILED →
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

    /**
     * Claims up to {@code n} due notices in the caller's one transaction (issue 16: one transaction
     * for a batch instead of one per notice): the due notices at the attempt limit turn DEAD, a
     * non-urgent SMS in quiet hours is deferred to their end, and the rest become SENDING with
     * attempts + 1 and a lease. Each update re-checks the due condition row by row, so a notice
     * claimed meanwhile by another dispatcher is skipped, never claimed twice. Returns the claimed
     * notices, oldest first, and how many due notices the pass settled (claimed, DEAD or deferred).
     */
    record Batch(List<Claimed> claimed, int settled) {
    }

    @SuppressWarnings("unchecked")
    Batch claimDue(Instant now, int n, Predicate<UUID> skip) {
        List<UUID> ids = new ArrayList<>(due(now, n));
        ids.removeIf(skip); // sent already, only the outcome is missing
        if (ids.isEmpty()) {
            return new Batch(List.of(), 0);
        }
        int settled = ids.size();
        // The attempt limit holds here too: a notice whose lease lapsed on its last attempt is not sent again.
        List<UUID> exhausted = em.createNativeQuery("update notice set state = 'DEAD', claimed_until = null,"
                + " last_error = :why where id in (:ids) and attempts >= :max and " + DUE + " returning id", UUID.class)
                .setParameter("why", "已达最大尝试次数 / attempt limit reached").setParameter("ids", ids)
                .setParameter("max", config.maxAttempts()).setParameter("now", now).getResultList();
        for (UUID id : exhausted) {
            Notice d = em.find(Notice.class, id);
            recorder.countOutcome(d.channel, "DEAD");
            outbox.publish(Topics.NOTICE.topic(), OutcomeRecorder.envelope(d, EventType.NOTICE_FAILED,
                    new NoticeFailed(d.id.toString(), d.sourceEventId.toString(), d.sourceEventType,
                            d.channel.toEvent(), d.recipientKind, d.recipientId, d.attempts, d.lastError, true)));
        }
        ids.removeAll(exhausted);
        if (!ids.isEmpty() && quietHours.isQuiet(now)) {
            em.createNativeQuery("update notice set next_attempt_at = :at, claimed_until = null,"
                    + " state = case when state = 'SENDING' then 'FAILED' else state end,"
                    + " last_error = '免打扰时段，顺延至 08:00 / quiet hours: deferred to 08:00'"
                    + " where id in (:ids) and channel = 'SMS' and not urgent and " + DUE)
                    .setParameter("at", quietHours.nextEnd(now)).setParameter("ids", ids).setParameter("now", now)
                    .executeUpdate();
        }
        if (ids.isEmpty()) {
            return new Batch(List.of(), settled);
        }
        List<UUID> claimed = em.createNativeQuery("update notice set state = 'SENDING', attempts = attempts + 1,"
                + " claimed_until = :lease where id in (:ids) and attempts < :max and " + DUE + " returning id", UUID.class)
                .setParameter("lease", now.plus(config.claimLease())).setParameter("ids", ids).setParameter("now", now)
                .setParameter("max", config.maxAttempts()).getResultList();
        if (claimed.isEmpty()) {
            return new Batch(List.of(), settled);
        }
        Map<UUID, Notice> rows = new HashMap<>();
        for (Notice x : em.createQuery("from Notice where id in :ids", Notice.class).setParameter("ids", claimed)
                .getResultList()) {
            rows.put(x.id, x);
        }
        List<Claimed> out = new ArrayList<>(claimed.size());
        for (UUID id : ids) { // the due order
            Notice x = rows.get(id);
            if (x != null && claimed.contains(id)) {
                out.add(new Claimed(x.id, x.sourceEventId, x.sourceEventType, x.correlationId, x.jurisdiction,
                        x.recipientKind, x.recipientId, x.channel, x.legallyRequired, x.urgent, x.params, x.attempts,
                        x.traceParent));
            }
        }
        return new Batch(out, settled);
    }

    /**
     * Hands back claimed notices that were not tried (the batch ran out of half its lease before
     * their turn): SENDING → due again, the attempt not counted. Only while our claim still holds.
     */
    void release(List<Claimed> untried) {
        for (Claimed c : untried) {
            em.createNativeQuery("update notice set state = case when attempts > 1 then 'FAILED' else 'PENDING' end,"
                    + " attempts = attempts - 1, claimed_until = null where id = :id and state = 'SENDING' and attempts = :a")
                    .setParameter("id", c.id()).setParameter("a", c.attempt()).executeUpdate();
        }
    }
}
