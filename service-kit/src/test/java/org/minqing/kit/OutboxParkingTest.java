package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.kit.outbox.OutboxEvent;
import org.minqing.kit.outbox.OutboxRelay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * L1: an outbox row the broker refuses (here: larger than the producer's max.request.size) is
 * parked with its reason; the rows behind it, of the same key and of others, are published.
 */
@QuarkusTest
class OutboxParkingTest {

    static final String TOPIC = "minqing.kit-test.parking";

    @Inject
    OutboxRelay relay;

    @Test
    void aPoisonRowIsParkedAndNeitherItsKeyNorTheRelayIsBlocked() {
        String key = UUID.randomUUID().toString();
        long poison = insert(key, "{\"big\":\"" + "x".repeat(2_000_000) + "\"}");
        long sameKey = insert(key, "{\"n\":1}");
        long otherKey = insert(UUID.randomUUID().toString(), "{\"n\":2}");

        await().atMost(Duration.ofSeconds(60)).until(() -> sent(sameKey) && sent(otherKey));
        OutboxEvent parked = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>findById(poison));
        assertThat(parked.sentAt).isNull();
        assertThat(parked.parkedAt).isNotNull();
        assertThat(parked.parkReason).contains("RecordTooLargeException");
        assertThat(relay.parkedCount()).isGreaterThanOrEqualTo(1);
    }

    static long insert(String key, String envelope) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent row = new OutboxEvent();
            row.eventId = UUID.randomUUID();
            row.topic = TOPIC;
            row.messageKey = key;
            row.eventType = "kit-test.parking";
            row.jurisdiction = "310104001001";
            row.envelope = envelope;
            row.createdAt = Instant.now();
            row.persist();
            return row.id;
        });
    }

    static boolean sent(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>findById(id).sentAt != null);
    }
}
