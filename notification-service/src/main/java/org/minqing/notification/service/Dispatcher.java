package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
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
 */
@ApplicationScoped
public class Dispatcher {

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
        Instant now = clock.instant();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(DUE_NOW, UUID.class)
                .setParameter("now", now).setParameter("n", config.batchSize()).getResultList());
        for (UUID id : due) {
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
            String params, int attempt) {
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
        Outcome outcome = ready.outcome() != null ? ready.outcome() : send(c, ready);
        Notice recorded = QuarkusTransaction.requiringNew().call(() -> record(c, ready, outcome));
        if (recorded != null && recorded.state == NoticeState.SENT && recorded.channel == Channel.IN_APP) {
            hub.publish(new InboxHub.InboxItem(recorded.id, recorded.userSubject, recorded.sourceEventType,
                    recorded.title, recorded.body, recorded.createdAt, recorded.sentAt, null));
        }
    }

    /** Claims a due notice, or defers a non-urgent SMS in quiet hours; null when there is nothing to send now. */
    Claimed claim(UUID id, Instant now) {
        Notice n = em.find(Notice.class, id);
        if (n == null) {
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
                + " claimed_until = :lease where id = :id and " + DUE)
                .setParameter("lease", now.plus(config.claimLease())).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        if (claimed != 1) {
            return null;
        }
        em.refresh(n);
        return new Claimed(n.id, n.sourceEventId, n.sourceEventType, n.correlationId, n.jurisdiction, n.recipientKind,
                n.recipientId, n.channel, n.legallyRequired, n.urgent, n.params, n.attempts);
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
            return Outcome.retry("邮件发送失败 / mail delivery failed: " + e.getMessage());
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
                n.addressMasked = o.reason();
                if (n.channel == Channel.IN_APP) {
                    n.userSubject = p.userSubject();
                    n.title = p.subject();
                    n.body = p.body();
                }
                outcomeName = "SENT";
                outbox.publish(Topics.NOTICE.topic(), envelope(n, EventType.NOTICE_SENT,
                        new NoticeSent(n.id.toString(), n.sourceEventId.toString(), n.sourceEventType,
                                n.channel.toEvent(), n.recipientKind, n.recipientId, now)));
            }
            case SKIP -> {
                n.state = NoticeState.SKIPPED;
                n.lastError = truncate(o.reason());
                outcomeName = "SKIPPED";
            }
            default -> {
                boolean dead = o.kind() == Kind.PERMANENT || n.attempts >= config.maxAttempts();
                n.state = dead ? NoticeState.DEAD : NoticeState.FAILED;
                n.lastError = truncate(o.reason());
                n.nextAttemptAt = dead ? n.nextAttemptAt : now.plus(backoff(n.attempts));
                outcomeName = dead ? "DEAD" : "FAILED";
                outbox.publish(Topics.NOTICE.topic(), envelope(n, EventType.NOTICE_FAILED,
                        new NoticeFailed(n.id.toString(), n.sourceEventId.toString(), n.sourceEventType,
                                n.channel.toEvent(), n.recipientKind, n.recipientId, n.attempts,
                                n.lastError == null ? "" : n.lastError, dead)));
            }
        }
        em.createNativeQuery("insert into notice_attempt (notice_id, attempt_no, at, outcome, error) values (:n, :a, :at, :o, :e)")
                .setParameter("n", n.id).setParameter("a", c.attempt()).setParameter("at", now)
                .setParameter("o", outcomeName).setParameter("e", truncate(o.kind() == Kind.SENT ? null : o.reason()))
                .executeUpdate();
        return n;
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

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static Map<String, Object> readParams(String json) {
        try {
            return Events.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notice params", e);
        }
    }
}
