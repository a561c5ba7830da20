package org.minqing.intake;

import static io.restassured.RestAssured.given;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.TestTokens;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Tokens, a case body builder and Kafka helpers shared by the tests; the demo ids are {@link DemoRealm}'s. */
public final class IntakeFixtures {

    static final String PHONE = "13812341234";
    /** A valid 18-digit ID number (check digit X). */
    static final String ID_NUMBER = "11010519491231002X";

    private IntakeFixtures() {
    }

    static String staff(String jurisdiction) {
        String role = jurisdiction.endsWith("000000") ? "district-staff"
                : jurisdiction.endsWith("000") ? "subdistrict-staff" : "community-staff";
        return TestTokens.of("staff-" + jurisdiction, role, jurisdiction);
    }

    static String rep() {
        return TestTokens.representative("rep.npc", REP_NPC, C11);
    }

    static String liaison() {
        return TestTokens.of("liaison.c11", "liaison-officer", C11);
    }

    static String notificationService() {
        return TestTokens.serviceAccount("notification-service", DISTRICT);
    }

    static String partner() {
        return TestTokens.of("service-account-open311-partner", "open311-partner", DISTRICT);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid hotline case body; tests override what they need. */
    public static Map<String, Object> caseBody(String community, String description) {
        Map<String, Object> b = new HashMap<>();
        b.put("channel", "HOTLINE");
        b.put("communityCode", community);
        b.put("lineCode", "housing");
        b.put("address", "泾水公寓40号楼");
        b.put("description", description);
        b.put("households", 1);
        b.put("urgency", "NORMAL");
        b.put("visitors", List.of(Map.of("name", "王秀英", "phone", PHONE, "idNumber", ID_NUMBER)));
        return b;
    }

    static Response record(String token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/cases");
    }

    static String recordOk(String token, Map<String, Object> body) {
        return record(token, body).then().statusCode(201).extract().path("id");
    }

    static void send(String topic, EventType type, String jurisdiction, String key, Object payload) {
        sendEnvelope(topic, key, EventEnvelope.of(type, jurisdiction, key, null, new Actor("test", "service"), payload));
    }

    /** Publishes an envelope built by the test (its event id known beforehand) under {@code key}. */
    public static void sendEnvelope(String topic, String key, EventEnvelope env) {
        try {
            sendRaw(topic, key, Events.mapper().writeValueAsString(env));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resource root taking JSON writes as the token's holder: POST adds to it, PUT changes one of its records. */
    record JsonRoot(String path) {
        Response post(String token, Object body) {
            return as(token).contentType(ContentType.JSON).body(body).post(path);
        }

        Response put(String token, String key, Object body) {
            return as(token).contentType(ContentType.JSON).body(body).put(path + "/" + key);
        }
    }

    /** action, actor, role, before, after of a reference record's audit rows, oldest first. */
    @SuppressWarnings("unchecked")
    public static List<Object[]> referenceChanges(EntityManager em, String kind, String key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select action, actor, actor_role, cast(before as text), cast(after as text) from reference_change
                where kind = :kind and ref_key = :k order by id""").setParameter("kind", kind).setParameter("k", key)
                .getResultList());
    }

    /** The line events in the outbox under this key, oldest first. */
    public static List<EventEnvelope> lineEvents(EntityManager em, String key) {
        return lineEventRows(em, key).stream().map(IntakeFixtures::envelopeOf).toList();
    }

    /** The line events in the outbox under this key as written (JSON), oldest first. */
    @SuppressWarnings("unchecked")
    public static List<String> lineEventRows(EntityManager em, String key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select envelope from outbox_event where message_key = :k and event_type = :t and topic = :topic
                order by id""").setParameter("k", key).setParameter("t", EventType.LINE_CHANGED.type())
                .setParameter("topic", Topics.INTAKE_REFERENCE.topic()).getResultList());
    }

    public static EventEnvelope envelopeOf(String json) {
        try {
            return Events.mapper().readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count query with one parameter, {@code :v}, in a transaction of its own. */
    public static long countOf(EntityManager em, String sql, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter("v", value)
                .getSingleResult()).longValue());
    }

    /** Reads the topic from the beginning until a record with this key matches, or fails after the timeout. */
    public static ConsumerRecord<String, String> awaitRecord(String topic, String key, Predicate<String> value, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = System.nanoTime() + timeout.toNanos();
            Map<String, Integer> seen = new HashMap<>();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(r.topic(), 1, Integer::sum);
                    if (key.equals(r.key()) && value.test(r.value())) {
                        return r;
                    }
                }
            }
            throw new AssertionError("no record with key " + key + " on " + topic + " within " + timeout + " (read " + seen + ")");
        }
    }
}
