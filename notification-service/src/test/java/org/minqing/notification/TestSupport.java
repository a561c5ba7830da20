package org.minqing.notification;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RosterEntry;
import org.minqing.kit.time.AppClock;
import org.minqing.testing.NativeKafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/** Producing events the way the other services do, and reading our own tables back. */
public final class TestSupport {

    private static final Actor STAFF = new Actor("sub1", "subdistrict-staff");
    private static KafkaProducer<String, String> producer;
    private static Duration daytimeOffset;

    private TestSupport() {
    }

    public static synchronized void send(EventEnvelope env) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(EventType.of(env.type()).topic().topic(),
                env.aggregateId(), Events.toJson(env));
        record.headers().add(Events.HEADER_EVENT_TYPE, env.type().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static EventEnvelope event(EventType type, String jurisdiction, String aggregateId, Object payload) {
        return EventEnvelope.of(type, jurisdiction, aggregateId, null, STAFF, payload);
    }

    /**
     * Pins "now" to 10:00 Asia/Shanghai of the day the suite started, so SMS tests do not depend
     * on whether CI happens to run inside the real quiet hours.
     */
    public static synchronized void daytime(AppClock clock) {
        if (daytimeOffset == null) {
            ZonedDateTime real = ZonedDateTime.now(AppClock.ZONE);
            daytimeOffset = Duration.between(real, real.toLocalDate().atTime(LocalTime.of(10, 0)).atZone(AppClock.ZONE));
        }
        clock.setOffset(daytimeOffset);
    }

    public static Duration daytimeOffset() {
        return daytimeOffset;
    }

    /** A fresh mobile number, so each test's SMS can be told apart. */
    public static String mobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** Registers a representative and waits until the directory has them. */
    public static String representative(EntityManager em, String community, String userSubject, String email, String mobile) {
        String id = UUID.randomUUID().toString();
        send(event(EventType.REPRESENTATIVE_REGISTERED, community, id, new RepresentativeRegistered(id, "王建国",
                RepresentativeKind.NPC_DEPUTY, null, community, "第一联络站", true, userSubject,
                sealed(EventType.REPRESENTATIVE_REGISTERED, id, "email", email),
                sealed(EventType.REPRESENTATIVE_REGISTERED, id, "mobile", mobile))));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(em,
                "select count(*) from person_recipient where kind = 'REPRESENTATIVE' and id = '" + id + "'") == 1);
        return id;
    }

    /** A representative reachable by SMS only (no e-mail, no account), and the fresh mobile number their SMS go to. */
    public record SmsRepresentative(String id, String mobile) {
    }

    /** Registers an {@link SmsRepresentative} and waits until the directory has them. */
    public static SmsRepresentative smsRepresentative(EntityManager em, String community) {
        String mobile = mobile();
        return new SmsRepresentative(representative(em, community, null, null, mobile), mobile);
    }

    public static EventEnvelope schedule(String community, java.time.LocalDate date, List<String> representativeIds) {
        String dayId = UUID.randomUUID().toString();
        List<RosterEntry> roster = representativeIds.stream()
                .map(r -> new RosterEntry(r, "王建国", RepresentativeKind.NPC_DEPUTY, null)).toList();
        return event(EventType.RECEPTION_DAY_SCHEDULED, community, dayId, new ReceptionDayScheduled(dayId, community,
                date, LocalTime.of(9, 0), LocalTime.of(11, 30), "泾水公寓居委会活动室", roster));
    }

    /**
     * A handling unit as referral-service announces it (issue 14: the one source of the unit
     * mailboxes); waits until the mailbox row shows this e-mail and active flag.
     */
    public static EventEnvelope unit(EntityManager em, String unitId, String email, String mobile, String userSubject,
            boolean active) {
        EventEnvelope env = EventEnvelope.of(EventType.UNIT_CHANGED, "310104001000", unitId, null,
                new Actor("ops", "ops-admin"), new org.minqing.events.referral.HandlingUnitChanged(unitId, "第一街道房屋管理办公室",
                        org.minqing.events.referral.UnitTier.SUBDISTRICT, List.of("housing"), "310104001000", active,
                        "房管办值班", email, mobile, userSubject));
        send(env);
        awaitMailbox(em, unitId, email, active);
        return env;
    }

    public static void awaitMailbox(EntityManager em, String unitId, String email, boolean active) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count(em, "select count(*) from mailbox where kind = 'UNIT' and key = '"
                + unitId + "' and email " + (email == null ? "is null" : "= '" + email + "'") + " and active = " + active) == 1);
    }

    public static long count(EntityManager em, String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    public static List<Notice> notices(UUID sourceEventId) {
        return QuarkusTransaction.requiringNew().call(() -> Notice.<Notice>list("sourceEventId", sourceEventId));
    }

    public static Notice notice(UUID sourceEventId, Channel channel) {
        return notices(sourceEventId).stream().filter(n -> n.channel == channel).findFirst().orElse(null);
    }

    public static NoticeState state(UUID noticeId) {
        return QuarkusTransaction.requiringNew().call(() -> Notice.<Notice>findById(noticeId).state);
    }

    /**
     * Awaits {@code condition}; on timeout fails with what the event's notices, the dispatcher's queue
     * and the worker threads looked like then, so that a failure on CI explains itself.
     */
    public static void awaitExplained(String what, Duration atMost, UUID sourceEventId, AppClock clock,
            java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " within " + atMost + "\n" + explain(sourceEventId, clock), e);
        }
    }

    static String explain(UUID sourceEventId, AppClock clock) {
        StringBuilder b = new StringBuilder("clock: ").append(clock.instant()).append(" (real ")
                .append(java.time.Instant.now()).append(")\n");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                b.append("inbox rows for the event: ").append(((Number) Notice.getEntityManager().createNativeQuery(
                        "select count(*) from processed_event where event_id = :id").setParameter("id", sourceEventId)
                        .getSingleResult()).longValue()).append('\n');
                for (Notice n : Notice.<Notice>list("sourceEventId", sourceEventId)) {
                    b.append("notice ").append(n.channel).append(' ').append(n.state).append(" attempts=")
                            .append(n.attempts).append(" next=").append(n.nextAttemptAt).append(" claimed=")
                            .append(n.claimedUntil).append(" error=").append(n.lastError).append('\n');
                }
                for (Object row : Notice.getEntityManager().createNativeQuery("select state, channel, count(*),"
                        + " min(next_attempt_at), max(next_attempt_at) from notice group by state, channel").getResultList()) {
                    b.append("all notices: ").append(java.util.Arrays.toString((Object[]) row)).append('\n');
                }
            });
        } catch (RuntimeException e) {
            b.append("tables unreadable: ").append(e).append('\n');
        }
        b.append("mails received: ").append(SmtpServerResource.greenMail().getReceivedMessages().length).append('\n');
        Thread.getAllStackTraces().forEach((t, stack) -> {
            String name = t.getName();
            // the dispatcher, and the worker threads the consumers' @Blocking handlers run on
            if (name.startsWith("notice-dispatcher") || name.startsWith("vert.x-worker")) {
                b.append("thread ").append(name).append(' ').append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    b.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return b.toString();
    }

    /** Waits until the event's notice on the channel is finished, sent or dead, and returns it. */
    public static Notice awaitFinished(UUID sourceEventId, Channel channel, Duration atMost) {
        await().atMost(atMost).until(() -> {
            Notice n = notice(sourceEventId, channel);
            return n != null && (n.state == NoticeState.SENT || n.state == NoticeState.DEAD);
        });
        return notice(sourceEventId, channel);
    }

    /** A reminder SMS left SENDING under a claim, as a dispatcher cut off mid-send leaves it; its id is new. */
    public static UUID insertSendingSms(EntityManager em, String community, String representativeId, int attempts,
            java.time.Instant at, java.time.Instant claimedUntil) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(
                () -> insertSms(em, id, community, representativeId, "SENDING", attempts, at, claimedUntil));
        return id;
    }

    /** A reminder SMS in {@code state}, written in the caller's transaction (several become visible at once). */
    public static void insertSms(EntityManager em, UUID id, String community, String representativeId, String state,
            int attempts, java.time.Instant at, java.time.Instant claimedUntil) {
        em.createNativeQuery("""
                insert into notice (id, source_event_id, source_event_type, correlation_id, jurisdiction, recipient_kind,
                  recipient_id, channel, legally_required, urgent, params, state, attempts, next_attempt_at, claimed_until,
                  created_at)
                values (:id, :src, 'notification.reception-day.reminder', 'c', :j, 'REPRESENTATIVE', :rep, 'SMS', false,
                  false, :params, :state, :attempts, :at, :claim, :at)""")
                .setParameter("id", id).setParameter("src", UUID.randomUUID()).setParameter("j", community)
                .setParameter("rep", representativeId).setParameter("state", state).setParameter("attempts", attempts)
                .setParameter("at", at).setParameter("claim", claimedUntil)
                .setParameter("params", "{\"communityCode\":\"" + community + "\",\"date\":\"2026年3月15日\","
                        + "\"startTime\":\"09:00\",\"endTime\":\"11:30\",\"place\":\"活动室\"}")
                .executeUpdate();
    }

    /** As representative-service seals a contact (M3), with the test profile's event-contact key. */
    public static String sealed(EventType type, String aggregateId, String field, String plaintext) {
        return org.minqing.events.SealedContact.seal("eclocal1",
                java.util.Base64.getDecoder().decode("TUQy+ZNWUqBYH0JRRM1qfd3XqYbCGO1A9DQAPr3aYj0="),
                type, aggregateId, field, plaintext);
    }
}
