package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.kit.time.AppClock;
import org.minqing.kit.retention.RetentionJob;
import org.minqing.notification.service.NoticeRetention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * L4: finished notices (NoticeRetention, in batches of 2 rows in tests), and by the kit's rules
 * attempts, handled-event ids and published outbox rows older than their retention are deleted;
 * what is recent or still to be sent stays.
 */
@QuarkusTest
class RetentionTest {

    static final String COMMUNITY = "310104001003";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    NoticeRetention notices;

    @Inject
    RetentionJob retention;

    @Test
    void oldRecordsGoInBatchesAndEverythingRecentOrUnsentStays() {
        Instant now = clock.instant();
        Instant longAgo = now.minus(Duration.ofDays(400));
        UUID oldSent = notice("SENT", longAgo);
        UUID oldDead = notice("DEAD", longAgo);
        UUID oldSkipped = notice("SKIPPED", longAgo);
        UUID oldWaiting = notice("FAILED", longAgo); // still to be retried: kept whatever its age
        UUID recent = notice("SENT", now.minus(Duration.ofDays(3)));
        attempt(oldSent, longAgo);
        attempt(oldDead, longAgo);
        attempt(recent, now.minus(Duration.ofDays(200))); // an attempt past its own retention
        attempt(recent, now.minus(Duration.ofDays(3)));
        String consumer = "retention-test-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            processed(consumer, now.minus(Duration.ofDays(60)));
        }
        processed(consumer, now.minus(Duration.ofDays(1)));
        String key = "retention-" + UUID.randomUUID();
        UUID oldPublished = outbox(key, now.minus(Duration.ofDays(60)));
        UUID recentPublished = outbox(key, now.minus(Duration.ofDays(1)));

        assertThat(notices.purge()).isGreaterThanOrEqualTo(3);
        Map<String, Long> purged = retention.purge();

        assertThat(purged.get("processed-events")).isGreaterThanOrEqualTo(5);
        assertThat(purged.get("published-events")).isGreaterThanOrEqualTo(1);
        assertThat(purged.get("notice-attempts")).isGreaterThanOrEqualTo(1);
        assertThat(exists("notice", "id", oldSent)).isFalse();
        assertThat(exists("notice", "id", oldDead)).isFalse();
        assertThat(exists("notice", "id", oldSkipped)).isFalse();
        assertThat(exists("notice", "id", oldWaiting)).isTrue();
        assertThat(exists("notice", "id", recent)).isTrue();
        assertThat(count("select count(*) from notice_attempt where notice_id in ('" + oldSent + "', '" + oldDead + "')"))
                .isZero();
        assertThat(count("select count(*) from notice_attempt where notice_id = '" + recent + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where consumer = '" + consumer + "'")).isEqualTo(1);
        assertThat(exists("outbox_event", "event_id", oldPublished)).isFalse();
        assertThat(exists("outbox_event", "event_id", recentPublished)).isTrue();
    }

    private UUID notice(String state, Instant created) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into notice (id, source_event_id, source_event_type, correlation_id, jurisdiction, recipient_kind,
                  recipient_id, channel, legally_required, urgent, params, state, attempts, next_attempt_at, created_at)
                values (:id, :src, 'notification.reception-day.reminder', 'c', :j, 'REPRESENTATIVE', :rep, 'IN_APP', false,
                  false, '{}', :state, 1, :next, :at)""")
                .setParameter("id", id).setParameter("src", UUID.randomUUID()).setParameter("j", COMMUNITY)
                .setParameter("rep", UUID.randomUUID().toString()).setParameter("state", state)
                .setParameter("next", clock.instant().plus(Duration.ofDays(1))).setParameter("at", created)
                .executeUpdate());
        return id;
    }

    private void attempt(UUID notice, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into notice_attempt (notice_id, attempt_no, at, outcome) values (:n, 1, :at, 'SENT')")
                .setParameter("n", notice).setParameter("at", at).executeUpdate());
    }

    private void processed(String consumer, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into processed_event (consumer, event_id, event_type, processed_at) values (:c, :e, 't', :at)")
                .setParameter("c", consumer).setParameter("e", UUID.randomUUID()).setParameter("at", at).executeUpdate());
    }

    /** A row the relay published at {@code at} (unpublished ones are the relay's, not inserted here). */
    private UUID outbox(String key, Instant at) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into outbox_event (event_id, topic, message_key, event_type, jurisdiction, envelope, created_at, sent_at)
                values (:e, 'retention.test', :k, 't', :j, '{}', :at, :at)""")
                .setParameter("e", id).setParameter("k", key).setParameter("j", COMMUNITY)
                .setParameter("at", at).executeUpdate());
        return id;
    }

    private boolean exists(String table, String column, UUID id) {
        return count("select count(*) from " + table + " where " + column + " = '" + id + "'") > 0;
    }

    private long count(String sql) {
        return TestSupport.count(em, sql);
    }
}
