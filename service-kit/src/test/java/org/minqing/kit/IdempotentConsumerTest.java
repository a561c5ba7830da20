package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;
import org.minqing.kit.testapp.WidgetEvents;
import org.minqing.kit.testapp.WidgetResource;
import org.minqing.testing.NativeKafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Redelivered events change nothing; a poison message goes to the dead-letter topic and the consumer carries on. */
@QuarkusTest
class IdempotentConsumerTest {

    @Inject
    EntityManager em;

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        UUID widget = UUID.randomUUID();
        EventEnvelope event = WidgetEvents.changed(widget, 1);
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            String json = Events.mapper().writeValueAsString(event);
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(), json)).get();
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(), json)).get();
            // A later event proves both copies were consumed before we count.
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(),
                    Events.mapper().writeValueAsString(WidgetEvents.changed(widget, 2)))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(2));
        assertThat(versions(widget)).containsExactly(1, 2);
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndTheConsumerCarriesOn() throws Exception {
        UUID widget = UUID.randomUUID();
        String dlt = WidgetResource.TOPIC + ".dlt.kit-test";
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(), "{not json at all")).get();
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(),
                    Events.mapper().writeValueAsString(WidgetEvents.changed(widget, 1)))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(1));

        try (KafkaCompanion companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers())) {
            // Other tests' dead letters share the topic (DeadLetterReplayTest): read on until ours arrives.
            var task = companion.consumeStrings().fromTopics(dlt);
            ConsumerRecord<String, String> poison;
            try {
                poison = await().atMost(Duration.ofSeconds(60)).until(() -> task.getRecords().stream()
                        .filter(r -> widget.toString().equals(r.key())).findFirst(), java.util.Optional::isPresent)
                        .orElseThrow();
            } finally {
                task.stop();
            }
            assertThat(poison.value()).isEqualTo("{not json at all");
            String reason = new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("unreadable event");
        }
    }

    private List<Integer> versions(UUID widget) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select version from widget_applied where widget_id = :w order by seq", Integer.class)
                .setParameter("w", widget).getResultList());
    }
}
