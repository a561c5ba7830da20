package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.OPS;
import static org.minqing.referral.Fixtures.freshCommunity;
import static org.minqing.referral.Fixtures.randomText;
import static org.minqing.referral.Fixtures.recordCase;
import static org.minqing.referral.Fixtures.referralIdForCase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.UnitTier;
import org.minqing.referral.service.UnitAnnouncer;
import org.minqing.testing.DemoRealm;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 14: a handling unit is the one source of its contact and account name. Every change through
 * the unit API writes referral.unit.changed to the outbox with the unit row; a deactivated unit
 * keeps itself and its referrals; units a migration wrote are announced once at start-up.
 */
@QuarkusTest
class UnitEventsTest {

    @Inject
    EntityManager em;

    @Inject
    UnitAnnouncer announcer;

    private static Map<String, Object> unit(String email, String phone, boolean active) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "测试街道房管办", "tier", "SUBDISTRICT",
                "lines", "housing, planning", "jurisdiction", DemoRealm.SUB1, "contactName", "房管办值班",
                "userSubject", "unit.test-housing", "active", active));
        body.put("contactEmail", email);
        body.put("contactPhone", phone);
        return body;
    }

    private List<EventEnvelope> unitEvents(String unitId) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select envelope from outbox_event where message_key = :k and event_type = :t and topic = :topic
                order by id""").setParameter("k", unitId).setParameter("t", EventType.UNIT_CHANGED.type())
                .setParameter("topic", "minqing.referral.unit").getResultList());
        return rows.stream().map(r -> {
            try {
                return Events.mapper().readValue((String) r, EventEnvelope.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void creatingChangingAndDeactivatingAUnitEachWriteItsFullStateToTheOutbox() {
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json")
                .body(unit("fgb@unit.example.gov.cn", "13900001234", true))
                .put("/units/" + unitId).then().statusCode(200)
                .body("userSubject", is("unit.test-housing")).body("contactEmail", is("fgb@unit.example.gov.cn"));

        List<EventEnvelope> events = unitEvents(unitId);
        assertThat(events).hasSize(1);
        EventEnvelope created = events.get(0);
        assertThat(created.jurisdiction()).isEqualTo(DemoRealm.SUB1);
        assertThat(created.aggregateType()).isEqualTo("unit");
        assertThat(created.actor().role()).isEqualTo("ops-admin");
        assertThat(created.payloadAs(HandlingUnitChanged.class)).isEqualTo(new HandlingUnitChanged(unitId,
                "测试街道房管办", UnitTier.SUBDISTRICT, List.of("housing", "planning"), DemoRealm.SUB1, true,
                "房管办值班", "fgb@unit.example.gov.cn", "13900001234", "unit.test-housing"));

        // a referral goes to the unit
        String caseId = recordCase(freshCommunity(), "housing", null, randomText(30));
        String referralId = referralIdForCase(caseId);
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId))
                .post("/referrals/" + referralId + "/route").then().statusCode(200);

        given().auth().oauth2(OPS).contentType("application/json")
                .body(unit("fgb-new@unit.example.gov.cn", "13900005678", true))
                .put("/units/" + unitId).then().statusCode(200);
        given().auth().oauth2(OPS).contentType("application/json")
                .body(unit("fgb-new@unit.example.gov.cn", "13900005678", false))
                .put("/units/" + unitId).then().statusCode(200).body("active", is(false));

        events = unitEvents(unitId);
        assertThat(events).hasSize(3);
        assertThat(events.get(1).payloadAs(HandlingUnitChanged.class).contactEmail()).isEqualTo("fgb-new@unit.example.gov.cn");
        assertThat(events.get(1).payloadAs(HandlingUnitChanged.class).active()).isTrue();
        HandlingUnitChanged deactivated = events.get(2).payloadAs(HandlingUnitChanged.class);
        assertThat(deactivated.active()).isFalse();
        assertThat(deactivated.contactPhone()).isEqualTo("13900005678");

        // deactivated, not deleted: the unit and its referral's history stay
        given().auth().oauth2(Fixtures.DISTRICT).get("/units/" + unitId).then().statusCode(200).body("active", is(false));
        Fixtures.get(referralId).body("unitId", is(unitId));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from handling_unit where id = cast(:id as uuid) and announced")
                .setParameter("id", unitId).getSingleResult()).longValue())).isEqualTo(1);
    }

    @Test
    void aRefusedChangeWritesNeitherTheUnitNorAnEvent() {
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json").body(unit("not-an-email", null, true))
                .put("/units/" + unitId).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("contactEmail"));
        Map<String, Object> badAccount = unit(null, null, true);
        badAccount.put("userSubject", "unit housing");
        given().auth().oauth2(OPS).contentType("application/json").body(badAccount)
                .put("/units/" + unitId).then().statusCode(400).body("errors.field", hasItem("userSubject"));
        // a sub-district's unit, sent by the neighbouring sub-district (issue 14: each maintains its own)
        given().auth().oauth2(Fixtures.SUB2).contentType("application/json").body(unit(null, null, true))
                .put("/units/" + unitId).then().statusCode(403);
        given().auth().oauth2(OPS).get("/units/" + unitId).then().statusCode(404);
        assertThat(unitEvents(unitId)).isEmpty();
    }

    /** The demo units (db/demo) were written by a migration: announced at start-up, with their contact and account. */
    @Test
    void unitsAMigrationWroteAreAnnouncedOnceAtStartUp() {
        List<EventEnvelope> housing = unitEvents(DemoRealm.UNIT_HOUSING);
        assertThat(housing).hasSize(1);
        HandlingUnitChanged h = housing.get(0).payloadAs(HandlingUnitChanged.class);
        assertThat(h.userSubject()).isEqualTo("unit.housing");
        assertThat(h.contactEmail()).isEqualTo("housing@unit.minqing.local");
        assertThat(h.contactPhone()).isEqualTo("13900000001");
        assertThat(housing.get(0).actor().subject()).isEqualTo("referral-service");
        HandlingUnitChanged city = unitEvents(DemoRealm.UNIT_CITY).get(0).payloadAs(HandlingUnitChanged.class);
        assertThat(city.userSubject()).isEqualTo("unit.city");
        assertThat(city.tier()).isEqualTo(UnitTier.CITY);

        // a unit written by a later data migration (no event yet) is announced once, then never again
        String unitId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into handling_unit (id, name, tier, lines, jurisdiction, contact_email, user_subject)
                values (cast(:id as uuid), '迁移写入的单位', 'DISTRICT', '*', '310104000000', 'm@unit.example.gov.cn', 'unit.migrated')""")
                .setParameter("id", unitId).executeUpdate());
        assertThat(announcer.announceUnannounced()).isGreaterThanOrEqualTo(1);
        assertThat(announcer.announceUnannounced()).isZero();
        assertThat(unitEvents(unitId)).singleElement()
                .extracting(e -> e.payloadAs(HandlingUnitChanged.class).userSubject()).isEqualTo("unit.migrated");
        assertThat(unitEvents(DemoRealm.UNIT_HOUSING)).hasSize(1);
    }

    /** Issue 14: every unit and remit-rule write is audited: who, when, the record before and after. */
    @Test
    void unitAndRuleWritesLeaveAuditRowsWithBeforeAndAfter() {
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json").body(unit("audit@unit.example.gov.cn", "13900005678", true))
                .put("/units/" + unitId).then().statusCode(200);
        given().auth().oauth2(OPS).contentType("application/json").body(unit("audit2@unit.example.gov.cn", "13900005678", false))
                .put("/units/" + unitId).then().statusCode(200);
        List<Object[]> units = Fixtures.auditRows("UNIT", unitId);
        assertThat(units).hasSize(2);
        assertThat(units.get(0)[0]).isEqualTo("CREATE");
        assertThat(units.get(0)[1]).isEqualTo("ops");
        assertThat(units.get(0)[2]).isEqualTo("ops-admin");
        assertThat(units.get(0)[3]).isNull();
        assertThat(units.get(0)[4].toString()).contains("audit@unit.example.gov.cn").contains("\"active\": true");
        assertThat(units.get(1)[0]).isEqualTo("DEACTIVATE");
        assertThat(units.get(1)[3].toString()).contains("audit@unit.example.gov.cn");
        assertThat(units.get(1)[4].toString()).contains("audit2@unit.example.gov.cn").contains("\"active\": false");

        String community = freshCommunity();
        String other = DemoRealm.UNIT_HOUSING;
        given().auth().oauth2(OPS).contentType("application/json").body(Map.of("lineCode", "housing", "scopeCode", community,
                "route", "SUBDISTRICT_DEPARTMENT", "unitId", other)).put("/routing-rules").then().statusCode(200);
        given().auth().oauth2(OPS).contentType("application/json").body(Map.of("lineCode", "housing", "scopeCode", community,
                "route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId)).put("/routing-rules").then().statusCode(200);
        List<Object[]> rules = Fixtures.auditRows("ROUTING_RULE", "housing@" + community);
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0)[0]).isEqualTo("CREATE");
        assertThat(rules.get(1)[0]).isEqualTo("UPDATE");
        assertThat(rules.get(1)[3].toString()).contains(other);
        assertThat(rules.get(1)[4].toString()).contains(unitId);
    }

}
