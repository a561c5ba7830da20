package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.RoutingRuleChanged;
import org.minqing.events.referral.UnitTier;
import org.minqing.referral.Fixtures;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.Pieces;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.persistence.EntityManager;

/**
 * Issue 14 (ADR 0024): sub-district 310104001's piece keeps copies of the units and remit rules the
 * district's piece keeps, from their events: a district unit and a district-wide rule added there
 * suggest and route a case recorded here at once. Each event is applied once (replays and equal
 * copies add nothing), the events it published itself are skipped, its sub-district's units and rules
 * the district published before it joined are adopted, poison is dead-lettered, and a write of the
 * district's unit or rule here is refused with 409 naming the field and the owner.
 */
@QuarkusTest
@TestProfile(Pieces.SubDistrictPiece.class)
class SubDistrictUnitsAndRulesTest {

    @jakarta.inject.Inject
    org.minqing.referral.messaging.UnitEventsConsumer unitConsumer;

    @jakarta.inject.Inject
    org.minqing.referral.messaging.ReferenceEventsConsumer referenceConsumer;

    private static final Actor DISTRICT_STAFF = new Actor("dist", "district-staff");

    private static String freshLine() {
        return "sync-" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    private static EventEnvelope unitEvent(String unitId, String name, UnitTier tier, String jurisdiction, String line) {
        return EventEnvelope.of(EventType.UNIT_CHANGED, jurisdiction, unitId, null, DISTRICT_STAFF,
                new HandlingUnitChanged(unitId, name, tier, List.of(line), jurisdiction, true, "值班室",
                        "sync@unit.minqing.local", "13900000009", "unit.sync"));
    }

    private static EventEnvelope ruleEvent(String line, String scope, Route route, String unitId) {
        String key = line + "@" + scope;
        return EventEnvelope.of(EventType.ROUTING_RULE_CHANGED, scope, key, null, DISTRICT_STAFF,
                new RoutingRuleChanged(key, line, scope, route, unitId));
    }

    private static EventEnvelope copy(EventEnvelope env, Class<? extends Record> payload) {
        return EventEnvelope.of(env.eventType().orElseThrow(), env.jurisdiction(), env.aggregateId(), null, env.actor(),
                env.payloadAs(payload));
    }

    private static long count(String sql, Map<String, Object> params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = Arc.container().instance(EntityManager.class).get().createNativeQuery(sql);
            params.forEach(q::setParameter);
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    private static boolean processed(EventEnvelope env) {
        return count("select count(*) from processed_event where event_id = :e", Map.of("e", env.eventId())) == 1;
    }

    private static long units(String id) {
        return count("select count(*) from handling_unit where id = cast(:id as uuid)", Map.of("id", id));
    }

    private static long rules(String line, String scope) {
        return count("select count(*) from routing_rule where line_code = :l and scope_code = :s", Map.of("l", line, "s", scope));
    }

    private static long outbox(String topic, String key) {
        return count("select count(*) from outbox_event where topic = :t and message_key = :k", Map.of("t", topic, "k", key));
    }

    @Test
    void aDistrictUnitAndDistrictWideRuleFromEventsSuggestAndRouteACaseHereAtOnce() {
        String line = freshLine();
        String unitId = UUID.randomUUID().toString();
        EventEnvelope unit = unitEvent(unitId, "区同步测试局 / district sync bureau", UnitTier.DISTRICT, DemoRealm.DISTRICT, line);
        EventEnvelope rule = ruleEvent(line, DemoRealm.DISTRICT, Route.REPRESENTATIVE_CONTACT, unitId);
        // the rule first: it may overtake its unit (two topics); it is kept and used once the unit is here
        Fixtures.send(Topics.REFERENCE.topic(), rule.aggregateId(), Fixtures.json(rule));
        Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(unit));
        await().atMost(Duration.ofSeconds(60)).until(() -> units(unitId) == 1 && rules(line, DemoRealm.DISTRICT) == 1);

        EventEnvelope recorded = PieceCases.caseRecorded(PieceCases.community("310104001"), line);
        PieceCases.sendInOrder(recorded);
        JsonPath referral = Fixtures.referralForCase(recorded.aggregateId());
        assertThat(referral.getString("suggestedUnitId")).isEqualTo(unitId);
        assertThat(referral.getString("suggestedRoute")).isEqualTo("REPRESENTATIVE_CONTACT");
        String referralId = referral.getString("id");
        Fixtures.route(referralId, "REPRESENTATIVE_CONTACT", unitId, DemoRealm.REP_NPC, false);
        assertThat(Fixtures.view(referralId).getString("unitId")).isEqualTo(unitId);

        // audited once each, with the district's actor; never re-announced from here
        List<Object[]> unitAudit = Fixtures.auditRows("UNIT", unitId);
        assertThat(unitAudit).hasSize(1);
        assertThat(unitAudit.get(0)[0]).isEqualTo("CREATE");
        assertThat(unitAudit.get(0)[1]).isEqualTo("dist");
        assertThat(unitAudit.get(0)[2]).isEqualTo("district-staff");
        List<Object[]> ruleAudit = Fixtures.auditRows("ROUTING_RULE", rule.aggregateId());
        assertThat(ruleAudit).hasSize(1);
        assertThat(ruleAudit.get(0)[1]).isEqualTo("dist");
        assertThat(outbox(Topics.UNIT.topic(), unitId)).isZero();
        assertThat(outbox(Topics.REFERENCE.topic(), rule.aggregateId())).isZero();

        // redelivered, then equal copies under new ids: nothing changes, no second audit row
        EventEnvelope unitCopy = copy(unit, HandlingUnitChanged.class);
        EventEnvelope ruleCopy = copy(rule, RoutingRuleChanged.class);
        Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(unit));
        Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(unitCopy));
        Fixtures.send(Topics.REFERENCE.topic(), rule.aggregateId(), Fixtures.json(rule));
        Fixtures.send(Topics.REFERENCE.topic(), rule.aggregateId(), Fixtures.json(ruleCopy));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(unitCopy) && processed(ruleCopy));
        assertThat(Fixtures.auditRows("UNIT", unitId)).hasSize(1);
        assertThat(Fixtures.auditRows("ROUTING_RULE", rule.aggregateId())).hasSize(1);
        assertThat(units(unitId)).isEqualTo(1);

        // a change of the unit from the district arrives too
        EventEnvelope renamed = unitEvent(unitId, "区同步测试局（更名） / renamed", UnitTier.DISTRICT, DemoRealm.DISTRICT, line);
        Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(renamed));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(renamed));
        given().auth().oauth2(Fixtures.SUB1).get("/units/" + unitId).then().statusCode(200)
                .body("name", containsString("更名"));
        assertThat(Fixtures.auditRows("UNIT", unitId)).hasSize(2);
    }

    @Test
    void itAdoptsItsSubDistrictsUnitsAndRulesTheDistrictPublishedBeforeItJoined() {
        // before this piece joined, the district's piece kept sub-district 1's units and rules and published them
        String line = freshLine();
        String unitId = UUID.randomUUID().toString();
        EventEnvelope unit = unitEvent(unitId, "第一街道同步科 / adopted", UnitTier.SUBDISTRICT, DemoRealm.SUB1, line);
        EventEnvelope rule = ruleEvent(line, DemoRealm.SUB1, Route.SUBDISTRICT_DEPARTMENT, unitId);
        Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(unit));
        Fixtures.send(Topics.REFERENCE.topic(), rule.aggregateId(), Fixtures.json(rule));
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(unit) && processed(rule));
        assertThat(units(unitId)).isEqualTo(1);
        assertThat(rules(line, DemoRealm.SUB1)).isEqualTo(1);
        assertThat(Fixtures.auditRows("UNIT", unitId).get(0)[1]).isEqualTo("dist");
        // it is this piece's now: changed here, and published from here
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json")
                .body(unitBody("SUBDISTRICT", DemoRealm.SUB1, line)).put("/units/" + unitId).then().statusCode(200);
        assertThat(outbox(Topics.UNIT.topic(), unitId)).isEqualTo(1);
    }

    @Test
    void aPoisonUnitIsDeadLettered() {
        String unitId = UUID.randomUUID().toString();
        EventEnvelope bad = unitEvent(unitId, " ", UnitTier.DISTRICT, DemoRealm.DISTRICT, freshLine());
        try (KafkaCompanion companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics(Topics.UNIT.dlt("referral"));
            Fixtures.send(Topics.UNIT.topic(), unitId, Fixtures.json(bad));
            await().atMost(Duration.ofSeconds(60)).until(() -> task.getRecords().stream().anyMatch(r -> unitId.equals(r.key())));
            task.stop();
        }
        assertThat(units(unitId)).isZero();
        assertThat(Fixtures.auditRows("UNIT", unitId)).isEmpty();
    }

    private static Map<String, Object> unitBody(String tier, String jurisdiction, String line) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "测试单位 / test unit");
        m.put("tier", tier);
        m.put("lines", line);
        m.put("jurisdiction", jurisdiction);
        m.put("contactEmail", "test@unit.minqing.local");
        return m;
    }

    @Test
    void itRefusesToWriteTheDistrictsUnitsAndRulesAndWritesItsOwnOnce() {
        String line = freshLine();
        String districtUnit = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(unitBody("DISTRICT", DemoRealm.DISTRICT, line)).put("/units/" + districtUnit).then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("jurisdiction"))
                .body("detail", containsString("district")).body("detail", containsString("由部署单元"));
        String cityUnit = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(unitBody("CITY", "310100000000", line)).put("/units/" + cityUnit).then().statusCode(409)
                .body("errors.field", hasItem("jurisdiction"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("lineCode", line, "scopeCode", DemoRealm.DISTRICT, "route", "REPRESENTATIVE_CONTACT",
                        "unitId", DemoRealm.UNIT_HOUSING))
                .put("/routing-rules").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("scopeCode")).body("detail", containsString("district"));
        assertThat(units(districtUnit) + units(cityUnit)).isZero();
        assertThat(rules(line, DemoRealm.DISTRICT)).isZero();
        assertThat(Fixtures.auditRows("UNIT", districtUnit)).isEmpty();
        assertThat(Fixtures.auditRows("ROUTING_RULE", line + "@" + DemoRealm.DISTRICT)).isEmpty();
        assertThat(outbox(Topics.UNIT.topic(), districtUnit) + outbox(Topics.REFERENCE.topic(), line + "@" + DemoRealm.DISTRICT))
                .isZero();

        // its own unit and rule: written here, each published once in the same transaction
        String ownUnit = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json")
                .body(unitBody("SUBDISTRICT", DemoRealm.SUB1, line)).put("/units/" + ownUnit).then().statusCode(200);
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json")
                .body(Map.of("lineCode", line, "scopeCode", DemoRealm.SUB1, "route", "SUBDISTRICT_DEPARTMENT", "unitId", ownUnit))
                .put("/routing-rules").then().statusCode(200);
        assertThat(outbox(Topics.UNIT.topic(), ownUnit)).isEqualTo(1);
        assertThat(outbox(Topics.REFERENCE.topic(), line + "@" + DemoRealm.SUB1)).isEqualTo(1);

        // The API says who keeps each row, so the console offers no edit on a copy (ADR 0024).
        given().auth().oauth2(Fixtures.SUB1).get("/units/" + ownUnit).then().statusCode(200)
                .body("keptHere", is(true)).body("keptBy", is(Pieces.SUB_DISTRICT_PIECE));
        given().auth().oauth2(Fixtures.SUB1).get("/units/" + DemoRealm.UNIT_DISTRICT_HOUSING).then().statusCode(200)
                .body("keptHere", is(false)).body("keptBy", is("district"));
        given().auth().oauth2(Fixtures.SUB1).get("/units").then().statusCode(200)
                .body("find { it.id == '" + DemoRealm.UNIT_CITY + "' }.keptHere", is(false))
                .body("find { it.id == '" + ownUnit + "' }.keptHere", is(true));
        given().auth().oauth2(Fixtures.SUB1).get("/routing-rules").then().statusCode(200)
                .body("find { it.lineCode == '" + line + "' && it.scopeCode == '" + DemoRealm.SUB1 + "' }.keptHere", is(true))
                .body("find { it.lineCode == 'planning' && it.scopeCode == '" + DemoRealm.DISTRICT + "' }.keptHere", is(false))
                .body("find { it.lineCode == 'planning' && it.scopeCode == '" + DemoRealm.DISTRICT + "' }.keptBy", is("district"));

        // its own events coming back from the topics: skipped before the inbox, nothing applied or audited twice
        EventEnvelope ownUnitEvent = ownEvent(Topics.UNIT.topic(), ownUnit);
        EventEnvelope ownRuleEvent = ownEvent(Topics.REFERENCE.topic(), line + "@" + DemoRealm.SUB1);
        unitConsumer.on(Fixtures.json(ownUnitEvent));
        referenceConsumer.on(Fixtures.json(ownRuleEvent));
        assertThat(processed(ownUnitEvent) || processed(ownRuleEvent)).isFalse();
        assertThat(Fixtures.auditRows("UNIT", ownUnit)).hasSize(1);
        assertThat(Fixtures.auditRows("ROUTING_RULE", line + "@" + DemoRealm.SUB1)).hasSize(1);
    }

    private static EventEnvelope ownEvent(String topic, String key) {
        String json = QuarkusTransaction.requiringNew().call(() -> (String) Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("select envelope from outbox_event where topic = :t and message_key = :k")
                .setParameter("t", topic).setParameter("k", key).getSingleResult());
        try {
            return org.minqing.events.Events.mapper().readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
