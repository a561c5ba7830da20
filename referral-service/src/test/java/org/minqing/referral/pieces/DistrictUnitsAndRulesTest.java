package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.RoutingRuleChanged;
import org.minqing.events.referral.UnitTier;
import org.minqing.referral.Fixtures;
import org.minqing.referral.messaging.ReferenceEventsConsumer;
import org.minqing.referral.messaging.UnitEventsConsumer;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 14 (ADR 0024): the district's piece keeps the district and city units, the units of its own
 * sub-districts and the rules of their scopes. Each write goes out once through the outbox with the
 * actor, and comes back from the topic skipped; a delegated sub-district's unit or rule is refused
 * here with 409 naming the field and the owning piece.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictUnitsAndRulesTest {

    @Inject
    EntityManager em;

    @Inject
    UnitEventsConsumer unitConsumer;

    @Inject
    ReferenceEventsConsumer referenceConsumer;

    private List<String> outbox(String topic, String key) {
        @SuppressWarnings("unchecked")
        List<String> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select envelope from outbox_event where topic = :t and message_key = :k order by id")
                .setParameter("t", topic).setParameter("k", key).getResultList());
        return rows;
    }

    private long inboxRows(EventEnvelope env) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = :e").setParameter("e", env.eventId())
                .getSingleResult()).longValue());
    }

    private static EventEnvelope parse(String json) {
        try {
            return Events.mapper().readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> unitBody(String tier, String jurisdiction, String line) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "区测试局 / district test bureau");
        m.put("tier", tier);
        m.put("lines", line);
        m.put("jurisdiction", jurisdiction);
        m.put("contactEmail", "bureau@unit.minqing.local");
        return m;
    }

    @Test
    void aDistrictUnitAndRuleArePublishedOnceAndNotAppliedAgainHere() {
        String line = "src-" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(unitBody("DISTRICT", DemoRealm.DISTRICT, line)).put("/units/" + unitId).then().statusCode(200);
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("lineCode", line, "scopeCode", DemoRealm.DISTRICT, "route", "REPRESENTATIVE_CONTACT", "unitId", unitId))
                .put("/routing-rules").then().statusCode(200);

        List<String> unitRows = outbox(Topics.UNIT.topic(), unitId);
        assertThat(unitRows).hasSize(1);
        EventEnvelope unit = parse(unitRows.get(0));
        assertThat(unit.payloadAs(HandlingUnitChanged.class).tier()).isEqualTo(UnitTier.DISTRICT);
        String key = line + "@" + DemoRealm.DISTRICT;
        List<String> ruleRows = outbox(Topics.REFERENCE.topic(), key);
        assertThat(ruleRows).hasSize(1);
        EventEnvelope rule = parse(ruleRows.get(0));
        assertThat(rule.type()).isEqualTo(EventType.ROUTING_RULE_CHANGED.type());
        assertThat(rule.aggregateType()).isEqualTo("routing-rule");
        assertThat(rule.jurisdiction()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(rule.actor().subject()).isEqualTo("dist");
        assertThat(rule.payloadAs(RoutingRuleChanged.class))
                .isEqualTo(new RoutingRuleChanged(key, line, DemoRealm.DISTRICT, Route.REPRESENTATIVE_CONTACT, unitId));

        // its own events coming back from the topics: skipped, so neither recorded nor audited twice
        unitConsumer.on(unitRows.get(0));
        referenceConsumer.on(ruleRows.get(0));
        assertThat(inboxRows(unit) + inboxRows(rule)).isZero();
        assertThat(Fixtures.auditRows("UNIT", unitId)).hasSize(1);
        assertThat(Fixtures.auditRows("ROUTING_RULE", key)).hasSize(1);
        assertThat(outbox(Topics.UNIT.topic(), unitId)).hasSize(1);
        assertThat(outbox(Topics.REFERENCE.topic(), key)).hasSize(1);
    }

    @Test
    void aDelegatedSubDistrictsUnitsAndRulesAreRefusedHere() {
        String line = "sd-" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json")
                .body(unitBody("SUBDISTRICT", DemoRealm.SUB1, line)).put("/units/" + unitId).then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("jurisdiction"))
                .body("detail", containsString(Pieces.SUB_DISTRICT_PIECE))
                .body("detail", containsString("maintained by piece"));
        // changing the demo unit.housing (sub-district 1's) is refused too, even by ops-admin
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(unitBody("SUBDISTRICT", DemoRealm.SUB1, "housing,planning")).put("/units/" + DemoRealm.UNIT_HOUSING)
                .then().statusCode(409).body("errors.field", hasItem("jurisdiction"));
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("lineCode", line, "scopeCode", DemoRealm.C11, "route", "REPRESENTATIVE_CONTACT",
                        "unitId", DemoRealm.UNIT_DISTRICT_HOUSING))
                .put("/routing-rules").then().statusCode(409).body("errors.field", hasItem("scopeCode"))
                .body("detail", containsString(Pieces.SUB_DISTRICT_PIECE));
        assertThat(outbox(Topics.UNIT.topic(), unitId)).isEmpty();
        assertThat(outbox(Topics.REFERENCE.topic(), line + "@" + DemoRealm.C11)).isEmpty();
        assertThat(Fixtures.auditRows("UNIT", unitId)).isEmpty();
        assertThat(Fixtures.auditRows("ROUTING_RULE", line + "@" + DemoRealm.C11)).isEmpty();
        // a unit of sub-district 2 (not delegated) is the district's
        String sub2Unit = UUID.randomUUID().toString();
        given().auth().oauth2(Fixtures.SUB2).contentType("application/json")
                .body(unitBody("SUBDISTRICT", "310104002000", line)).put("/units/" + sub2Unit).then().statusCode(200);
        assertThat(outbox(Topics.UNIT.topic(), sub2Unit)).hasSize(1);
    }
}
