package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.kit.testapp.BatchWidgetConsumer;
import org.minqing.kit.testapp.StoppingWidgetConsumer;
import org.minqing.testing.NativeKafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Issue 16 (ADR 0025): a consumer takes a poll's records in one transaction with one inbox
 * insert; a poison record among them goes alone to the dead-letter topic and the others are applied
 * once; a redelivered batch changes nothing; each key's events are applied in their order; a transient
 * failure stops the channel with nothing dead-lettered and nothing committed.
 * The records of each test are produced as one producer batch, so the consumer's poll returns them together.
 */
@QuarkusTest
class BatchConsumerTest {

    @Inject
    EntityManager em;

    @Test
    void aPollIsAppliedInOneTransactionWithOneInboxRowPerEvent() throws Exception {
        UUID widget = UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            events.add(event(widget, v));
        }
        send(widget, events.stream().map(BatchConsumerTest::json).toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).size() == 5);

        assertThat(versions(widget)).containsExactly(1, 2, 3, 4, 5);
        String ids = events.stream().map(e -> "'" + e.eventId() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        assertThat(count("select count(*) from processed_event where consumer = '" + BatchWidgetConsumer.CONSUMER
                + "' and event_id in (" + ids + ")")).isEqualTo(5);
        // the effects and the inbox rows were written by one transaction
        assertThat(count("select count(distinct x) from (select xmin::text x from widget_applied where widget_id = '" + widget
                + "' union all select xmin::text from processed_event where event_id in (" + ids + ")) t")).isEqualTo(1);
    }

    @Test
    void aPoisonRecordInTheMiddleGoesAloneToTheDeadLetterTopicAndTheOthersAreAppliedOnce() throws Exception {
        UUID widget = UUID.randomUUID();
        EventEnvelope poison = new EventEnvelope(UUID.randomUUID(), EventType.CASE_RECORDED.type(), 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "310104001001", "widget", widget.toString(),
                widget.toString(), new Actor("test", "community-staff"),
                Events.mapper().createObjectNode().put("widgetId", widget.toString())); // no version: poison
        send(widget, List.of(json(event(widget, 1)), json(event(widget, 2)), json(poison), "{not json at all",
                json(event(widget, 3)), json(event(widget, 4))));
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(4));

        assertThat(versions(widget)).as("each good event once, in order").containsExactly(1, 2, 3, 4);
        assertThat(count("select count(*) from processed_event where event_id = '" + poison.eventId() + "'"))
                .as("the poison event's inbox row was rolled back with it").isZero();
        try (KafkaCompanion companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics(BatchWidgetConsumer.TOPIC + ".dlt.kit-test");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> ours(task.getRecords(), widget).size() == 2);
                assertThat(ours(task.getRecords(), widget)).extracting(ConsumerRecord::value)
                        .as("only the two bad records were dead-lettered").containsExactly(json(poison), "{not json at all");
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void aRedeliveredBatchChangesNothing() throws Exception {
        UUID widget = UUID.randomUUID();
        EventEnvelope one = event(widget, 1);
        EventEnvelope two = event(widget, 2);
        // the same event twice within one poll, too
        send(widget, List.of(json(one), json(one), json(two)));
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(2));

        send(widget, List.of(json(one), json(two), json(event(widget, 3))));
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(3));
        assertThat(versions(widget)).containsExactly(1, 2, 3);
    }

    @Test
    void eachKeysEventsAreAppliedInTheirOrder() throws Exception {
        List<UUID> widgets = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int v = 1; v <= 10; v++) {
                for (UUID w : widgets) {
                    sent.add(producer.send(new ProducerRecord<>(BatchWidgetConsumer.TOPIC, w.toString(), json(event(w, v)))));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        for (UUID w : widgets) {
            await().atMost(Duration.ofSeconds(60)).until(() -> versions(w).size() == 10);
            assertThat(versions(w)).as("widget " + w).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }

    /** Issue 15 holds in a batch: each record's effect runs in its own consumer span, in the trace of its header. */
    @Test
    void eachEventOfABatchIsAppliedInItsOwnTrace() throws Exception {
        UUID widget = UUID.randomUUID();
        List<String> traces = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int v = 1; v <= 3; v++) {
                String trace = UUID.randomUUID().toString().replace("-", "");
                traces.add(trace);
                var record = new ProducerRecord<>(BatchWidgetConsumer.TOPIC, widget.toString(), json(event(widget, v)));
                record.headers().add("traceparent", ("00-" + trace + "-" + trace.substring(0, 16) + "-01")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).size() == 3);
        List<String> applied = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select trace_id from widget_applied where widget_id = :w order by seq", String.class)
                .setParameter("w", widget).getResultList());
        assertThat(applied).containsExactlyElementsOf(traces);
    }

    @Test
    void aTransientFailureStopsTheChannelWithoutDeadLetteringOrCommittingAnything() throws Exception {
        UUID widget = UUID.randomUUID();
        EventEnvelope away = event(widget, 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) away.payload()).put("transient", true);
        send(StoppingWidgetConsumer.TOPIC, widget, List.of(json(event(widget, 1)), json(away), json(event(widget, 3))));

        Throwable stopped = StoppingWidgetConsumer.STOPPED.get(60, TimeUnit.SECONDS);
        assertThat(stopped).hasRootCauseInstanceOf(SQLException.class);
        assertThat(versions(widget)).as("the record before it stays applied (its own transaction), none after it")
                .containsExactly(1);
        try (Admin admin = Admin.create(Map.<String, Object> of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                NativeKafka.shared().bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets("kit-test-stop").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            assertThat(committed.values().stream().filter(Objects::nonNull).toList()).as("no offset committed").isEmpty();
            String dlt = StoppingWidgetConsumer.TOPIC + ".dlt.kit-test";
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(dlt)) {
                var partitions = admin.describeTopics(List.of(dlt)).allTopicNames().get(30, TimeUnit.SECONDS).get(dlt)
                        .partitions().stream()
                        .collect(Collectors.toMap(p -> new TopicPartition(dlt, p.partition()), p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                assertThat(ends.values()).as("nothing dead-lettered").allSatisfy(o -> assertThat(o.offset()).isZero());
            }
        }
    }

    static EventEnvelope event(UUID widget, int version) {
        // A type this build knows (Inbox.receive skips unknown ones); the consumer reads only the payload.
        return new EventEnvelope(UUID.randomUUID(), EventType.CASE_RECORDED.type(), 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "310104001001", "widget", widget.toString(),
                widget.toString(), new Actor("test", "community-staff"),
                Events.mapper().createObjectNode().put("widgetId", widget.toString()).put("version", version));
    }

    static String json(EventEnvelope event) {
        try {
            return Events.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One producer batch (same key, same partition): the broker appends it whole, a fetch returns it whole. */
    static void send(UUID key, List<String> values) throws Exception {
        send(BatchWidgetConsumer.TOPIC, key, values);
    }

    static void send(String topic, UUID key, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key.toString(), value)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1000"); // flush() sends at once, as one batch per partition
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> ours(List<ConsumerRecord<String, String>> records, UUID widget) {
        return records.stream().filter(r -> widget.toString().equals(r.key())).toList();
    }

    private List<Integer> versions(UUID widget) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select version from widget_applied where widget_id = :w order by seq", Integer.class)
                .setParameter("w", widget).getResultList());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
