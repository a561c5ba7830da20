package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.intake.Urgency;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.TestTokens;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Drives the service the way the platform does: intake envelopes produced to
 * {@code minqing.intake.case}, REST calls with realm tokens, and the emitted referral events read
 * back with a KafkaCompanion. Every test uses fresh case ids, texts and (where it matters)
 * communities, so test order does not matter.
 */
public final class Fixtures {

    public static final String DISTRICT = TestTokens.of("dist", "district-staff", DemoRealm.DISTRICT);
    public static final String SUB1 = TestTokens.of("sub1", "subdistrict-staff", DemoRealm.SUB1);
    public static final String SUB2 = TestTokens.of("sub2", "subdistrict-staff", "310104002000");
    public static final String HOUSING = TestTokens.handlingUnit("unit.housing", DemoRealm.UNIT_HOUSING, DemoRealm.SUB1);
    public static final String CITY = TestTokens.handlingUnit("unit.city", DemoRealm.UNIT_CITY, "310100000000");
    public static final String OPS = TestTokens.of("ops", "ops-admin", DemoRealm.DISTRICT);

    private static final AtomicInteger NEXT_COMMUNITY = new AtomicInteger(100 + ThreadLocalRandom.current().nextInt(400));
    private static ConsumerTask<String, String> referralEvents;
    private static KafkaCompanion companion;

    private Fixtures() {
    }

    /** A community of sub-district 310104001 no other test uses. */
    public static String freshCommunity() {
        return "310104001" + NEXT_COMMUNITY.getAndIncrement();
    }

    /** Registers a handling unit for the community's own residents' committee (社区居委会) and returns its id. */
    public static String communityUnit(String community) {
        String unit = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("name", "测试社区居委会", "tier", "COMMUNITY", "lines", "*", "jurisdiction", community))
                .put("/units/" + unit).then().statusCode(200);
        return unit;
    }

    /** Random Chinese text, so that unrelated test cases never look like repeats of each other. */
    public static String randomText(int chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars; i++) {
            sb.appendCodePoint(0x4E00 + ThreadLocalRandom.current().nextInt(0x9FA5 - 0x4E00));
        }
        return sb.toString();
    }

    public static String recordCase(String community, String line, String address, String description) {
        return recordCase(community, line, address, description, Instant.now());
    }

    public static String recordCase(String community, String line, String address, String description, Instant at) {
        String caseId = UUID.randomUUID().toString();
        CaseRecorded c = new CaseRecorded(caseId, IntakeChannel.RECEPTION_DAY, community,
                line, address, null, null, description, 120, 300, true, Urgency.NORMAL, null, List.of(DemoRealm.REP_NPC), 6, false,
                true, at.truncatedTo(ChronoUnit.MILLIS));
        send(EventEnvelope.of(EventType.CASE_RECORDED, community, caseId, null, new Actor("c11", "community-staff"), c));
        return caseId;
    }

    public static void feedback(String community, String caseId, Satisfaction rating) {
        send(EventEnvelope.of(EventType.CASE_FEEDBACK_GIVEN, community, caseId, caseId, Actor.PUBLIC,
                new FeedbackGiven(caseId, rating, "评价" + rating, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
    }

    public static void send(EventEnvelope env) {
        send(env.aggregateId(), json(env));
    }

    public static void send(String key, String value) {
        send(Topics.CASE.topic(), key, value);
    }

    /** Issue 14: an event as another piece (or the district's) publishes it on one of the shared topics. */
    public static void send(String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(EventEnvelope env) {
        try {
            return Events.mapper().writeValueAsString(env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The referral holding a case (original or repeat), once the consumer has handled it. */
    public static JsonPath referralForCase(String caseId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DISTRICT)
                .queryParam("caseId", caseId).get("/referrals").then().extract().jsonPath().getList("$").size() == 1);
        return new JsonPath(given().auth().oauth2(DISTRICT).queryParam("caseId", caseId).get("/referrals")
                .then().statusCode(200).extract().asString()).setRootPath("[0]");
    }

    public static String referralIdForCase(String caseId) {
        return referralForCase(caseId).getString("id");
    }

    public static io.restassured.response.ValidatableResponse get(String referralId) {
        return given().auth().oauth2(DISTRICT).get("/referrals/" + referralId).then().statusCode(200);
    }

    public static JsonPath view(String referralId) {
        return get(referralId).extract().jsonPath();
    }

    public static void route(String referralId, String route, String unitId, String representativeId, boolean difficult) {
        if (representativeId != null) {
            knownRepresentative(representativeId, "310104000000", true);
        }
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(representativeId == null ? Map.of("route", route, "unitId", unitId, "difficult", difficult)
                        : Map.of("route", route, "unitId", unitId, "representativeId", representativeId, "difficult", difficult))
                .post("/referrals/" + referralId + "/route").then().statusCode(200);
    }

    /** Every referral event emitted so far for one referral (key = referral id), in order. */
    public static synchronized List<EventEnvelope> eventsOf(String referralId) {
        if (companion == null) {
            companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers());
            referralEvents = companion.consumeStrings().fromTopics(Topics.REFERRAL.topic());
        }
        return referralEvents.getRecords().stream().filter(r -> referralId.equals(r.key()))
                .map(ConsumerRecord::value).map(Fixtures::parse).toList();
    }

    public static List<String> typesOf(String referralId) {
        return eventsOf(referralId).stream().map(EventEnvelope::type).toList();
    }

    /** Waits until the referral's events include {@code type}, and returns the last such event. */
    public static EventEnvelope awaitEvent(String referralId, EventType type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(referralId).contains(type.type()));
        List<EventEnvelope> all = eventsOf(referralId).stream().filter(e -> e.type().equals(type.type())).toList();
        return all.get(all.size() - 1);
    }

    public static long countEvents(String referralId, EventType type) {
        return typesOf(referralId).stream().filter(type.type()::equals).count();
    }

    private static EventEnvelope parse(String json) {
        try {
            return Events.mapper().readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.Set<String> KNOWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Publishes a representative the way representative-service does (RepresentativeRegistered /
     * Updated, contacts sealed and unreadable here) and waits until referral-service knows them (L11).
     */
    public static void knownRepresentative(String id, String constituency, boolean active) {
        if (active && !KNOWN.add(id + "@" + constituency)) {
            return;
        }
        EventType type = active ? EventType.REPRESENTATIVE_REGISTERED : EventType.REPRESENTATIVE_UPDATED;
        Object payload = active
                ? new org.minqing.events.representative.RepresentativeRegistered(id, "测试代表",
                        org.minqing.events.representative.RepresentativeKind.NPC_DEPUTY,
                        org.minqing.events.representative.RepresentativeLevel.DISTRICT, constituency, null, true, null,
                        "k1:" + "A".repeat(40), null)
                : new org.minqing.events.representative.RepresentativeUpdated(id, "测试代表",
                        org.minqing.events.representative.RepresentativeKind.NPC_DEPUTY,
                        org.minqing.events.representative.RepresentativeLevel.DISTRICT, constituency, null, false, null,
                        null, null);
        EventEnvelope env = EventEnvelope.of(type, constituency, id, null, new Actor("sub1", "subdistrict-staff"), payload);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REPRESENTATIVE.topic(), id, json(env))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> ((Number) io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                        .createNativeQuery("select count(*) from known_representative where id = :id "
                                + "and constituency_code = :c and active = :a")
                        .setParameter("id", id).setParameter("c", constituency).setParameter("a", active)
                        .getSingleResult()).intValue() == 1));
    }

    /** The audit trail of one reference record (reference_change): action, actor, actor role, before, after; oldest first. */
    @SuppressWarnings("unchecked")
    public static List<Object[]> auditRows(String kind, String key) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(jakarta.persistence.EntityManager.class).get().createNativeQuery("""
                        select action, actor, actor_role, cast(before as text), cast(after as text) from reference_change
                        where kind = :kind and ref_key = :k order by id""").setParameter("kind", kind).setParameter("k", key)
                .getResultList());
    }
}
