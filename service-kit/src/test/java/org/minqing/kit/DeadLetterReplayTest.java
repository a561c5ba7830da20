package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.kit.ops.DeadLetterReplay;
import org.minqing.kit.testapp.WidgetEvents;
import org.minqing.kit.testapp.WidgetResource;
import org.minqing.testing.NativeKafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 15, the runbook's replay: dead letters are listed without being sent, the one named is put
 * back on its original topic and handled once by its consumer, a second replay changes nothing,
 * and an id that is not there is said so (exit 1). On a compacted directory topic (ADR 0022) a dead
 * letter that a newer event of its key replaced is not put back: it would become the key's latest.
 */
@QuarkusTest
class DeadLetterReplayTest {

    static final String DLT = WidgetResource.TOPIC + ".dlt.kit-test";

    @Inject
    EntityManager em;

    @Test
    void aDeadLetterIsListedThenReplayedOnceAndOnlyTheOneNamed() throws Exception {
        UUID widget = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        EventEnvelope lost = WidgetEvents.changed(widget, 1);
        EventEnvelope notChosen = WidgetEvents.changed(other, 1);
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            // As a consumer with a since-fixed bug left them: readable events, with the reason.
            deadLetter(producer, widget.toString(), Events.mapper().writeValueAsString(lost), "bug 42: unknown version");
            deadLetter(producer, other.toString(), Events.mapper().writeValueAsString(notChosen), "bug 42");
            deadLetter(producer, widget.toString(), "{not json at all", "unreadable event");
        }

        Run list = run("--bootstrap", bootstrap(), "--dead-letters", DLT, "--event-id", lost.eventId().toString());
        assertThat(list.code).isZero();
        assertThat(list.out).contains("event " + lost.eventId() + " reason bug 42: unknown version")
                .contains("event (unreadable) reason unreadable event").contains("listed only")
                .doesNotContain("not json");
        assertThat(versions(widget)).isEmpty();

        Run replay = run("--bootstrap", bootstrap(), "--dead-letters", DLT, "--event-id", lost.eventId().toString(),
                "--replay");
        assertThat(replay.code).isZero();
        assertThat(replay.out).contains("replayed 1 to " + WidgetResource.TOPIC);
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(1));

        // Again, then a later event on the same key: when it is applied, the second copy was consumed before it.
        assertThat(run("--bootstrap", bootstrap(), "--dead-letters", DLT, "--event-id", lost.eventId().toString(),
                "--replay").code).isZero();
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            producer.send(new ProducerRecord<>(WidgetResource.TOPIC, widget.toString(),
                    Events.mapper().writeValueAsString(WidgetEvents.changed(widget, 2)))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(widget).contains(2));
        assertThat(versions(widget)).containsExactly(1, 2);
        assertThat(versions(other)).as("not named, not replayed").isEmpty();
    }

    @Test
    void anIdNotOnTheTopicOrAWrongTopicIsSaid() throws Exception {
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            deadLetter(producer, "k", "{}", "empty");
        }
        String absent = UUID.randomUUID().toString();
        Run missing = run("--bootstrap", bootstrap(), "--dead-letters", DLT, "--event-id", absent, "--replay");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("not on the dead-letter topic: " + absent);
        assertThat(missing.out).contains("replayed 0");

        Run wrong = run("--bootstrap", bootstrap(), "--dead-letters", WidgetResource.TOPIC);
        assertThat(wrong.code).isEqualTo(2);
        assertThat(wrong.err).contains("not a dead-letter topic");
        assertThat(run("--dead-letters", DLT).code).isEqualTo(2);
    }

    @Test
    void aDirectoryDeadLetterThatANewerEventReplacedIsNotReplayed() throws Exception {
        String directory = Topics.UNIT.topic();
        String dlt = Topics.UNIT.dlt("notification");
        UUID changedAgain = UUID.randomUUID();
        UUID changedOnce = UUID.randomUUID();
        EventEnvelope old = WidgetEvents.changed(changedAgain, 1);
        EventEnvelope newer = WidgetEvents.changed(changedAgain, 2);
        EventEnvelope only = WidgetEvents.changed(changedOnce, 1);
        try (KafkaProducer<String, String> producer = WidgetEvents.producer()) {
            for (EventEnvelope e : List.of(old, newer, only)) {
                producer.send(new ProducerRecord<>(directory, e.aggregateId(), Events.mapper().writeValueAsString(e))).get();
            }
            // the consumer failed on the old change and on the only one (the newer change went through)
            for (EventEnvelope e : List.of(old, only)) {
                ProducerRecord<String, String> r = new ProducerRecord<>(dlt, e.aggregateId(), Events.mapper().writeValueAsString(e));
                r.headers().add("dead-letter-reason", "bug 43".getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }

        Run replay = run("--bootstrap", bootstrap(), "--dead-letters", dlt, "--event-id", old.eventId().toString(),
                "--event-id", only.eventId().toString(), "--replay");

        assertThat(replay.code).isZero();
        assertThat(replay.out).contains("not replayed, superseded by a newer event of key " + changedAgain + ": event "
                + old.eventId()).contains("replayed 1 to " + directory);
        Map<String, List<String>> replayed = replayedOn(directory);
        assertThat(replayed.get(changedOnce.toString())).containsExactly(only.eventId().toString());
        assertThat(replayed).doesNotContainKey(changedAgain.toString());
    }

    /** The records on a topic that the tool put there (header replayed-from): event ids by key. */
    private static Map<String, List<String>> replayedOn(String topic) {
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        var props = NativeKafka.shared().clientProperties();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            for (ConsumerRecord<String, String> r : all) {
                if (r.headers().lastHeader("replayed-from") != null) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(DeadLetterReplay.eventId(r.value()));
                }
            }
        }
        return byKey;
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeadLetterReplay.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void deadLetter(KafkaProducer<String, String> producer, String key, String value, String reason)
            throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(DLT, key, value);
        r.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    private List<Integer> versions(UUID widget) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select version from widget_applied where widget_id = :w order by seq", Integer.class)
                .setParameter("w", widget).getResultList());
    }

    private static String bootstrap() {
        return NativeKafka.shared().bootstrapServers();
    }
}
