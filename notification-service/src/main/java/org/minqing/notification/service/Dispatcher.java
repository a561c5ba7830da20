package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.events.notification.NoticeSent;
import org.minqing.kit.crypto.Masking;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.CaseRef;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.NoticeState;
import org.minqing.notification.Preference;
import org.minqing.notification.RecipientKind;
import org.minqing.notification.ReferralRef;
import org.minqing.notification.client.IntakeContactsClient;
import org.minqing.notification.client.SmsGateway;
import org.minqing.notification.config.NotificationConfig;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Sends due notices (发送通知). Each notice is first claimed in its own transaction
 * (PENDING/FAILED → SENDING, attempts + 1), then sent with no transaction open, then its outcome
 * recorded in a second transaction together with the NOTICE_SENT / NOTICE_FAILED event. A notice
 * already SENT is never picked again, so redelivered events and concurrent dispatchers send
 * nothing twice; a send cut off by a crash is retried after the claim lease with the same notice
 * id as the provider's idempotency key. Failures back off exponentially, then the notice is DEAD.
 * <p>
 * H2: the attempt limit holds on every path (the claim itself turns a notice at the limit DEAD), every
 * value written fits its column, and an outcome that cannot be recorded in full is recorded without
 * its details in a fallback transaction, or, while the database refuses even that, kept in memory and
 * recorded later, the notice skipped meanwhile: a failure to record never leads to a second send.
 */
@ApplicationScoped
public class Dispatcher {

    @Inject
    MinqingMeters meters;

    /** Issue 15: a no-op tracer when tracing is off. */
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
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
    AppClock clock;
    @Inject
    NotificationConfig config;
    @Inject
    QuietHours quietHours;
    @Inject
    Directory directory;
    @Inject
    TemplateRenderer renderer;
    @Inject
    Mailer mailer;
    @Inject
    SmsGateway sms;
    @Inject
    @RestClient
    IntakeContactsClient intake;
    @Inject
    InboxHub hub;
    @Inject
    Outbox outbox;
    @Inject
    DispatchSignal signal;

    @ConfigProperty(name = "minqing.public-base-url")
    String publicBaseUrl;

    /**
     * Stands for the resident's receipt code (回执码) in a rendered visitor notice until send time,
     * when intake-service supplies the code in force; the text with the code is never stored.
     */
    public static final String RECEIPT_CODE_SLOT = "\u27e6receipt-code\u27e7";

    private volatile boolean running;
    private ExecutorService worker;
    /** Outcomes of sends that could not be recorded at all yet; their notices are not claimed again. */
    private final Map<UUID, Unrecorded> unrecorded = new ConcurrentHashMap<>();

    record Unrecorded(Claimed claimed, Prepared prepared, Outcome outcome) {
    }

    /** Column widths of what the dispatcher writes (V1__notification.sql). */
    static final int LAST_ERROR_WIDTH = 1000;
    static final int ADDRESS_MASKED_WIDTH = 200;
    static final int USER_SUBJECT_WIDTH = 200;
    static final int TITLE_WIDTH = 500;

    void start(@Observes StartupEvent event) {
        if (!config.dispatcherEnabled()) {
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notice-dispatcher");
            t.setDaemon(true);
            return t;
        });
        worker.submit(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        signal.wakeNow();
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                dispatchDue();
                signal.await(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "dispatch pass failed; retrying");
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One pass over the notices due now; returns how many were processed. */
    public int dispatchDue() {
        recordUnrecorded();
        Instant now = clock.instant();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(DUE_NOW, UUID.class)
                .setParameter("now", now).setParameter("n", config.batchSize()).getResultList());
        for (UUID id : due) {
            if (unrecorded.containsKey(id)) {
                continue; // sent (or tried) already; only its outcome is missing
            }
            try {
                process(id);
            } catch (RuntimeException e) {
                LOG.warnf(e, "notice %s could not be processed", id);
            }
        }
        return due.size();
    }

    /** What was claimed: everything needed to send without holding a transaction. */
    record Claimed(UUID id, UUID sourceEventId, String eventType, String correlationId, String jurisdiction,
            String recipientKind, String recipientId, Channel channel, boolean legallyRequired, boolean urgent,
            String params, int attempt, String traceParent) {
    }

    /** Ready to send: where to, what, or why not. */
    record Prepared(String address, String subject, String body, String userSubject, String caseId, Outcome outcome) {
        static Prepared not(Outcome o) {
            return new Prepared(null, null, null, null, null, o);
        }
    }

    enum Kind { SENT, RETRY, PERMANENT, SKIP }

    record Outcome(Kind kind, String reason) {
        static final Outcome SENT = new Outcome(Kind.SENT, null);

        static Outcome retry(String reason) {
            return new Outcome(Kind.RETRY, reason);
        }

        static Outcome permanent(String reason) {
            return new Outcome(Kind.PERMANENT, reason);
        }

        static Outcome skip(String reason) {
            return new Outcome(Kind.SKIP, reason);
        }
    }

    void process(UUID id) {
        Claimed c = QuarkusTransaction.requiringNew().call(() -> claim(id, clock.instant()));
        if (c == null) {
            return;
        }
        Prepared p;
        try {
            p = QuarkusTransaction.requiringNew().call(() -> prepare(c));
        } catch (RuntimeException e) {
            LOG.warnf(e, "notice %s could not be prepared", id);
            p = Prepared.not(Outcome.retry("准备失败 / preparation failed: " + e.getMessage()));
        }
        Prepared ready = p;
        // Issue 15: the send (the SMTP or SMS hand-off) and the NoticeSent/NoticeFailed event it
        // records join the trace of the event the notice came from.
        io.opentelemetry.api.trace.Span span = c.traceParent() == null ? io.opentelemetry.api.trace.Span.getInvalid()
                : tracer.spanBuilder("notice " + c.channel().name())
                        .setParent(org.minqing.kit.tracing.TraceContext.parent(c.traceParent()))
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("minqing.notice.id", c.id().toString())
                        .setAttribute("minqing.notice.channel", c.channel().name())
                        .setAttribute("minqing.notice.attempt", (long) c.attempt())
                        .startSpan();
        Outcome outcome;
        Notice recorded;
        try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
            outcome = ready.outcome() != null ? ready.outcome() : send(c, ready);
            span.setAttribute("minqing.notice.outcome", outcome.kind() == Kind.SENT ? "SENT" : outcome.kind().name());
            recorded = recordOutcome(c, ready, outcome);
        } finally {
            span.end();
        }
        if (recorded != null && recorded.state == NoticeState.SENT && recorded.channel == Channel.IN_APP) {
            hub.publish(new InboxHub.InboxItem(recorded.id, recorded.userSubject, recorded.sourceEventType,
                    recorded.title, recorded.body, recorded.createdAt, recorded.sentAt, null));
        }
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

    /** Retries the outcomes the database refused so far. */
    private void recordUnrecorded() {
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
            countOutcome(n.channel, "DEAD");
            outbox.publish(Topics.NOTICE.topic(), envelope(n, EventType.NOTICE_FAILED,
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

    Prepared prepare(Claimed c) {
        Map<String, Object> data = new HashMap<>(readParams(c.params()));
        Directory.Address to;
        String caseId = null;
        switch (c.recipientKind()) {
            case RecipientKind.REPRESENTATIVE, RecipientKind.LIAISON_OFFICER -> {
                var found = directory.person(c.recipientKind(), c.recipientId());
                if (found.isEmpty()) {
                    return Prepared.not(Outcome.retry("收件人尚未登记 / recipient not known yet"));
                }
                if (!found.get().active()) {
                    return Prepared.not(Outcome.skip("收件人已离任 / recipient no longer active"));
                }
                to = found.get();
            }
            case RecipientKind.UNIT, RecipientKind.SUPERVISOR -> {
                var found = directory.mailbox(c.recipientKind(), c.recipientId());
                if (found.isEmpty()) {
                    return Prepared.not(Outcome.permanent("未配置该单位的联系邮箱 / no mailbox configured for "
                            + c.recipientKind() + " " + c.recipientId()));
                }
                to = found.get();
            }
            case RecipientKind.VISITOR -> {
                CaseRef ref = CaseRef.findById(c.recipientId());
                if (ref == null) {
                    return Prepared.not(Outcome.retry("案件尚未登记 / case not known yet"));
                }
                if (!ref.hasContact) {
                    return Prepared.not(Outcome.skip("来访人未留联系方式 / the visitor left no contact"));
                }
                if (c.channel() == Channel.IN_APP) {
                    return Prepared.not(Outcome.skip("来访人无站内信箱 / visitors have no inbox"));
                }
                // The receipt code is filled in at send time from intake (see send); the links carry it
                // in the fragment, which browsers never send to a server, so no access log records it.
                data.put("receiptCode", RECEIPT_CODE_SLOT);
                data.put("statusUrl", publicBaseUrl + "/public#code=" + RECEIPT_CODE_SLOT);
                data.put("feedbackUrl", publicBaseUrl + "/public#code=" + RECEIPT_CODE_SLOT);
                caseId = ref.caseId;
                to = new Directory.Address("", null, null, null, true);
            }
            default -> {
                return Prepared.not(Outcome.permanent("unknown recipient kind " + c.recipientKind()));
            }
        }
        data.put("recipientName", to.name() == null ? "" : to.name());
        if (data.containsKey("referralId") && !data.containsKey("unitName")) {
            ReferralRef r = ReferralRef.findById(data.get("referralId"));
            data.put("unitName", r == null || r.unitName == null ? "" : r.unitName);
        }
        String language = null;
        if (to.userSubject() != null) {
            Preference pref = Preference.findById(to.userSubject());
            if (pref != null) {
                language = pref.language;
                if (!c.legallyRequired() && !pref.allows(c.channel())) {
                    return Prepared.not(Outcome.skip("收件人已退订该渠道 / the recipient opted out of this channel"));
                }
            }
        }
        String address = switch (c.channel()) {
            case EMAIL -> to.email();
            case SMS -> to.mobile();
            case IN_APP -> to.userSubject();
        };
        if (address == null && caseId == null) {
            return Prepared.not(Outcome.skip("收件人无该渠道地址 / no address for channel " + c.channel()));
        }
        TemplateRenderer.Rendered r = renderer.render(c.eventType(), c.recipientKind(), c.channel(), language, data);
        return new Prepared(address, r.subject(), r.body(), to.userSubject(), caseId, null);
    }

    Outcome send(Claimed c, Prepared p) {
        String address = p.address();
        String subject = p.subject();
        String body = p.body();
        if (p.caseId() != null) {
            // The resident's contact: fetched from intake-service now, used once, never stored.
            IntakeContactsClient.CaseContacts contacts;
            try {
                // The purpose (ASCII: it is a header) goes into intake-service's personal-data access log.
                contacts = intake.contacts(p.caseId(), "notify the visitor: " + c.eventType() + " notice " + c.id());
            } catch (jakarta.ws.rs.WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 404 || status == 403) {
                    return Outcome.permanent("intake-service 拒绝提供联系方式 / intake-service answered HTTP " + status);
                }
                return Outcome.retry("无法获取来访人联系方式 / intake-service answered HTTP " + status);
            } catch (RuntimeException e) {
                return Outcome.retry("无法获取来访人联系方式 / intake-service contact look-up failed: " + e.getMessage());
            }
            address = contacts == null || contacts.contacts() == null ? null : contacts.contacts().stream()
                    .map(x -> c.channel() == Channel.SMS ? x.phone() : x.email())
                    .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
            if (address == null) {
                return Outcome.skip("来访人未留该渠道联系方式 / the visitor left no address for " + c.channel());
            }
            String code = contacts.receiptCode();
            if (code == null || code.isBlank()) {
                return Outcome.retry("intake-service 未提供回执码 / intake-service gave no receipt code");
            }
            subject = subject == null ? null : subject.replace(RECEIPT_CODE_SLOT, code);
            body = body == null ? null : body.replace(RECEIPT_CODE_SLOT, code);
        }
        try {
            switch (c.channel()) {
                case EMAIL -> mailer.send(Mail.withText(address, subject, body)
                        .addHeader("X-Minqing-Notice-Id", c.id().toString()));
                case SMS -> sms.send(c.id().toString(), address, body, c.urgent());
                case IN_APP -> {
                    // stored with the outcome; the inbox and its stream read it from there
                }
            }
            return new Outcome(Kind.SENT, mask(c.channel(), address));
        } catch (SmsGateway.SmsException e) {
            return e.retryable() ? Outcome.retry(e.getMessage()) : Outcome.permanent(e.getMessage());
        } catch (RuntimeException e) {
            // The relay's reply usually quotes the recipient; record() masks it (M9).
            return Outcome.retry("邮件发送失败 / mail delivery failed: " + describe(e));
        }
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
    private void countOutcome(Channel channel, String outcome) {
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

    void registerMeters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
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

    /** The exception's message and, when it wraps another, the innermost cause's (the server's reply). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (" + root.getMessage() + ")";
    }

    /** base × 2^(attempt−1), at most backoffMax. */
    Duration backoff(int attempt) {
        Duration d = config.backoffBase().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return d.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : d;
    }

    private static EventEnvelope envelope(Notice n, EventType type, Object payload) {
        return EventEnvelope.of(type, n.jurisdiction, n.id.toString(), n.correlationId,
                Actor.system("notification-service"), payload);
    }

    private static String mask(Channel channel, String address) {
        return switch (channel) {
            case EMAIL -> Masking.email(address);
            case SMS -> Masking.phone(address);
            case IN_APP -> address;
        };
    }

    /**
     * An error text as stored, published and shown (M9): providers' and libraries' messages quote the
     * recipient's address, so every address and phone number in it is masked; and it fits its column.
     */
    static String errorText(String s) {
        return Masking.text(s, LAST_ERROR_WIDTH);
    }

    private static Map<String, Object> readParams(String json) {
        try {
            return Events.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notice params", e);
        }
    }
}
