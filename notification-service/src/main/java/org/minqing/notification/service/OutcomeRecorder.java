package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.events.notification.NoticeSent;
import org.minqing.kit.crypto.Masking;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.NoticeState;
import org.minqing.notification.config.NotificationConfig;
import org.minqing.notification.service.Delivery.Claimed;
import org.minqing.notification.service.Delivery.Kind;
import org.minqing.notification.service.Delivery.Outcome;
import org.minqing.notification.service.Delivery.Prepared;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Records what became of a send (记录发送结果, H2): in full with its attempt row and the
 * NOTICE_SENT / NOTICE_FAILED event; else without its details in a fallback transaction; else, while
 * the database refuses even that, in memory until it can be written, the notice not claimed
 * meanwhile. A failure to record never leads to a second send. Failures back off exponentially,
 * then the notice is DEAD; every value written fits its column.
 */
@ApplicationScoped
class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    @Inject
    EntityManager em;
    @Inject
    AppClock clock;
    @Inject
    NotificationConfig config;
    @Inject
    Outbox outbox;
    @Inject
    MinqingMeters meters;

    /** Outcomes of sends that could not be recorded at all yet; their notices are not claimed again. */
    private final Map<UUID, Unrecorded> unrecorded = new ConcurrentHashMap<>();

    record Unrecorded(Claimed claimed, Prepared prepared, Outcome outcome) {
    }

    /** Column widths of what the dispatcher writes (V1__notification.sql). */
    static final int LAST_ERROR_WIDTH = 1000;
    static final int ADDRESS_MASKED_WIDTH = 200;
    static final int USER_SUBJECT_WIDTH = 200;
    static final int TITLE_WIDTH = 500;

    /** True while the outcome of this notice's send is only in memory: it must not be claimed again. */
    boolean pending(UUID id) {
        return unrecorded.containsKey(id);
    }

    /**
     * Records an outcome: in full, or else without its details (fallback), or else later (memory).
     * Returns the notice when recorded in full.
     */
    Notice recordOutcome(Claimed c, Prepared p, Outcome o) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> record(c, p, o));
        } catch (RuntimeException e) {
            // The cause's text can quote row values: only its masked summary goes to the log.
            LOG.warnf("notice %s: outcome %s could not be recorded (%s); recording it without details", c.id(), o.kind(),
                    Masking.text(String.valueOf(e), 300));
        }
        if (!recordFallback(c, o)) {
            unrecorded.put(c.id(), new Unrecorded(c, p, o));
        }
        return null;
    }

    /** One send of a batch: what was claimed, prepared and what came of it. */
    record Done(Claimed claimed, Prepared prepared, Outcome outcome) {
    }

    /**
     * Records the outcomes of a batch of sends in one transaction (issue 16): every attempt row, state
     * and NOTICE_SENT / NOTICE_FAILED outbox event, or none of them. The rows are locked in id order,
     * so two dispatchers recording overlapping batches wait for each other instead of deadlocking. If
     * the batch cannot be recorded as a whole, each outcome is recorded on its own as before (in full,
     * else without details, else in memory), so one bad row costs its batch only the batching.
     * {@code within} runs each outcome's recording inside its notice's trace span. Returns the
     * notices recorded in full, in the batch's order (null where a re-claim made ours stale).
     */
    List<Notice> recordAll(List<Done> batch, BiFunction<Integer, Supplier<Notice>, Notice> within) {
        List<UUID> ids = batch.stream().map(d -> d.claimed().id()).sorted().toList();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                em.createQuery("from Notice where id in :ids order by id", Notice.class).setParameter("ids", ids)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
                List<Notice> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    Done d = batch.get(i);
                    out.add(within.apply(i, () -> record(d.claimed(), d.prepared(), d.outcome())));
                }
                return out;
            });
        } catch (RuntimeException e) {
            LOG.warnf("a batch of %d outcomes could not be recorded together (%s); recording them one by one",
                    batch.size(), Masking.text(String.valueOf(e), 300));
        }
        List<Notice> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Done d = batch.get(i);
            out.add(within.apply(i, () -> recordOutcome(d.claimed(), d.prepared(), d.outcome())));
        }
        return out;
    }

    /** Retries the outcomes the database refused so far. */
    void recordUnrecorded() {
        for (Unrecorded u : List.copyOf(unrecorded.values())) {
            try {
                QuarkusTransaction.requiringNew().call(() -> record(u.claimed(), u.prepared(), u.outcome()));
                unrecorded.remove(u.claimed().id());
            } catch (RuntimeException e) {
                if (recordFallback(u.claimed(), u.outcome())) {
                    unrecorded.remove(u.claimed().id());
                }
            }
        }
    }

    /**
     * The outcome with fixed texts only: with its attempt row and event if possible, else the state
     * alone. A delivered e-mail or SMS becomes SENT (so it is not sent again); anything else FAILED
     * or DEAD by the attempt limit. False when even that could not be written.
     */
    boolean recordFallback(Claimed c, Outcome o) {
        for (boolean withTrail : new boolean[] { true, false }) {
            try {
                QuarkusTransaction.requiringNew().run(() -> fallback(c, o, withTrail));
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("notice %s: fallback record (trail %s) failed too (%s)", c.id(), withTrail,
                        Masking.text(String.valueOf(e), 300));
            }
        }
        return false;
    }

    void fallback(Claimed c, Outcome o, boolean withTrail) {
        Instant now = clock.instant();
        // In-app "delivery" is the record itself: if that failed nothing reached anyone, so it is retried.
        boolean delivered = o.kind() == Kind.SENT && c.channel() != Channel.IN_APP;
        boolean dead = !delivered && (o.kind() == Kind.PERMANENT || c.attempt() >= config.maxAttempts());
        String state = delivered ? "SENT" : dead ? "DEAD" : "FAILED";
        String note = delivered ? "已发送；发送结果未能完整记录 / sent; the outcome could not be recorded in full"
                : "发送结果未能记录 / the outcome could not be recorded";
        String set = switch (state) {
            case "SENT" -> "state = 'SENT', sent_at = :now";
            case "FAILED" -> "state = 'FAILED', next_attempt_at = :now";
            default -> "state = 'DEAD'";
        };
        var update = em.createNativeQuery("update notice set " + set + ", claimed_until = null, last_error = :note"
                + " where id = :id and state = 'SENDING' and attempts = :a")
                .setParameter("note", note).setParameter("id", c.id()).setParameter("a", c.attempt());
        if (!state.equals("DEAD")) {
            update.setParameter("now", state.equals("SENT") ? now : now.plus(backoff(c.attempt())));
        }
        int updated = update.executeUpdate();
        if (updated == 1) {
            countOutcome(c.channel(), state);
        }
        if (updated != 1 || !withTrail) {
            return;
        }
        insertAttempt(c.id(), c.attempt(), now, state, delivered ? null : note);
        Object payload = delivered
                ? new NoticeSent(c.id().toString(), c.sourceEventId().toString(), c.eventType(), c.channel().toEvent(),
                        c.recipientKind(), c.recipientId(), now)
                : new NoticeFailed(c.id().toString(), c.sourceEventId().toString(), c.eventType(), c.channel().toEvent(),
                        c.recipientKind(), c.recipientId(), c.attempt(), note, dead);
        outbox.publish(Topics.NOTICE.topic(), EventEnvelope.of(delivered ? EventType.NOTICE_SENT : EventType.NOTICE_FAILED,
                c.jurisdiction(), c.id().toString(), c.correlationId(), Actor.system("notification-service"), payload));
    }

    Notice record(Claimed c, Prepared p, Outcome o) {
        Notice n = em.find(Notice.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
        if (n == null || n.state != NoticeState.SENDING || n.attempts != c.attempt()) {
            return null; // someone re-claimed it after our lease ran out; their outcome counts
        }
        Instant now = clock.instant();
        n.claimedUntil = null;
        String outcomeName;
        switch (o.kind()) {
            case SENT -> {
                n.state = NoticeState.SENT;
                n.sentAt = now;
                n.lastError = null;
                n.addressMasked = Masking.cut(o.reason(), ADDRESS_MASKED_WIDTH);
                if (n.channel == Channel.IN_APP) {
                    n.userSubject = Masking.cut(p.userSubject(), USER_SUBJECT_WIDTH);
                    n.title = Masking.cut(p.subject(), TITLE_WIDTH);
                    n.body = p.body();
                }
                outcomeName = "SENT";
                outbox.publish(Topics.NOTICE.topic(), envelope(n, EventType.NOTICE_SENT,
                        new NoticeSent(n.id.toString(), n.sourceEventId.toString(), n.sourceEventType,
                                n.channel.toEvent(), n.recipientKind, n.recipientId, now)));
            }
            case SKIP -> {
                n.state = NoticeState.SKIPPED;
                n.lastError = errorText(o.reason());
                outcomeName = "SKIPPED";
            }
            default -> {
                boolean dead = o.kind() == Kind.PERMANENT || n.attempts >= config.maxAttempts();
                n.state = dead ? NoticeState.DEAD : NoticeState.FAILED;
                n.lastError = errorText(o.reason());
                n.nextAttemptAt = dead ? n.nextAttemptAt : now.plus(backoff(n.attempts));
                outcomeName = dead ? "DEAD" : "FAILED";
                outbox.publish(Topics.NOTICE.topic(), envelope(n, EventType.NOTICE_FAILED,
                        new NoticeFailed(n.id.toString(), n.sourceEventId.toString(), n.sourceEventType,
                                n.channel.toEvent(), n.recipientKind, n.recipientId, n.attempts,
                                n.lastError == null ? "" : n.lastError, dead)));
            }
        }
        insertAttempt(n.id, c.attempt(), now, outcomeName, o.kind() == Kind.SENT ? null : errorText(o.reason()));
        countOutcome(n.channel, outcomeName);
        return n;
    }

    /** Issue 15: notices sent / failed (to be retried) / dead by channel, counted when the outcome commits. */
    void countOutcome(Channel channel, String outcome) {
        String meter = switch (outcome) {
            case "SENT" -> MinqingMeters.NOTICES_SENT;
            case "FAILED" -> MinqingMeters.NOTICES_FAILED;
            case "DEAD" -> MinqingMeters.NOTICES_DEAD;
            default -> null; // SKIPPED: nothing to send, not an outcome of delivery
        };
        if (meter != null) {
            meters.countCommitted(meter, "channel", channel.name());
        }
    }

    void registerMeters(@Observes StartupEvent event) {
        for (Channel channel : Channel.values()) {
            for (String meter : new String[] { MinqingMeters.NOTICES_SENT, MinqingMeters.NOTICES_FAILED,
                    MinqingMeters.NOTICES_DEAD }) {
                meters.counter(meter, "channel", channel.name());
            }
        }
    }

    private void insertAttempt(UUID id, int attempt, Instant at, String outcome, String error) {
        em.createNativeQuery("insert into notice_attempt (notice_id, attempt_no, at, outcome, error) values (:n, :a, :at, :o, :e)")
                .setParameter("n", id).setParameter("a", attempt).setParameter("at", at)
                .setParameter("o", outcome).setParameter("e", error)
                .executeUpdate();
    }

    /** base × 2^(attempt−1), at most backoffMax. */
    Duration backoff(int attempt) {
        Duration d = config.backoffBase().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return d.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : d;
    }

    static EventEnvelope envelope(Notice n, EventType type, Object payload) {
        return EventEnvelope.of(type, n.jurisdiction, n.id.toString(), n.correlationId,
                Actor.system("notification-service"), payload);
    }

    /**
     * An error text as stored, published and shown (M9): providers' and libraries' messages quote the
     * recipient's address, so every address and phone number in it is masked; and it fits its column.
     */
    static String errorText(String s) {
        return Masking.text(s, LAST_ERROR_WIDTH);
    }
}
