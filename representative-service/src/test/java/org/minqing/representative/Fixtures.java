package org.minqing.representative;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.TestTokens;

import io.restassured.http.ContentType;

/** Tokens, fresh representatives and a Kafka producer shared by the tests; every test makes its own data. */
final class Fixtures {

    static final String DISTRICT = "310104000000";
    static final String SUB1 = "310104001000";
    static final String C11 = "310104001001";
    static final String C12 = "310104001002";

    static final String SUB1_STAFF = TestTokens.of("sub1", "subdistrict-staff", SUB1);
    static final String C11_STAFF = TestTokens.of("c11", "community-staff", C11);
    static final String C12_STAFF = TestTokens.of("c12", "community-staff", C12);
    static final String DISTRICT_STAFF = TestTokens.of("dist", "district-staff", DISTRICT);

    private static final AtomicInteger PHONE = new AtomicInteger((int) (System.nanoTime() % 10_000_000));

    private Fixtures() {
    }

    static String freshPhone() {
        return "139" + String.format("%08d", Math.floorMod(PHONE.incrementAndGet(), 100_000_000));
    }

    static Map<String, Object> representative(String name, String kind, String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        if ("NPC_DEPUTY".equals(kind)) {
            m.put("level", "DISTRICT");
        }
        m.put("termStart", "2022-01-01");
        m.put("termEnd", "2031-12-31");
        m.put("constituencyCode", code);
        m.put("liaisonStation", "第一联络站");
        m.put("phone", freshPhone());
        m.put("email", "rep" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn");
        return m;
    }

    static UUID register(String name, String kind, String code) {
        String id = given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                .body(representative(name, kind, code))
                .post("/representatives").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** One of each kind, in community 310104001001. */
    static List<UUID> trio(String tag) {
        return List.of(register("人大" + tag, "NPC_DEPUTY", C11), register("党代表" + tag, "PARTY_DELEGATE", C11),
                register("委员" + tag, "CPPCC_MEMBER", C11));
    }

    static Map<String, Object> day(String community, LocalDate date, String start, String end, List<UUID> roster) {
        Map<String, Object> m = new HashMap<>();
        m.put("communityCode", community);
        m.put("date", date.toString());
        m.put("startTime", start);
        m.put("endTime", end);
        m.put("place", "社区党群服务中心二楼");
        m.put("representativeIds", roster.stream().map(UUID::toString).toList());
        return m;
    }

    static UUID schedule(String token, Map<String, Object> day) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(day)
                .post("/reception-days").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static String repToken(UUID representativeId) {
        return TestTokens.representative("rep-" + representativeId, representativeId.toString(), C11);
    }

    /** Every record with {@code key} on {@code topic}, read from the beginning until {@code expected} are there. */
    static List<ConsumerRecord<String, String>> records(String topic, String key, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
            return found;
        }
    }

    static void send(String topic, EventEnvelope... envelopes) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (EventEnvelope e : envelopes) {
                producer.send(new ProducerRecord<>(topic, e.aggregateId(), Events.mapper().writeValueAsString(e))).get();
            }
        }
    }

    static void sendRaw(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        }
    }
}
