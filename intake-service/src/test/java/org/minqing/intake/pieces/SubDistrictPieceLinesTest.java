package org.minqing.intake.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.intake.LineChanged;
import org.minqing.intake.IntakeFixtures;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14 (ADR 0021): sub-district 310104001's piece keeps the district's lines (条线) from the
 * district's events (its own catalogue, its own audit rows with the event's actor), applies each
 * event once, takes cases on them at once, and refuses to change them itself.
 */
@QuarkusTest
@TestProfile(Pieces.SubDistrictPiece.class)
class SubDistrictPieceLinesTest {

    private static final Actor DISTRICT_STAFF = new Actor("dist", "district-staff");
    private static final String SUB1_STAFF = TestTokens.of("staff-sub1", "subdistrict-staff", DemoRealm.SUB1);

    @Inject
    EntityManager em;

    private static EventEnvelope event(String code, String nameZh, boolean active) {
        return EventEnvelope.of(EventType.LINE_CHANGED, DemoRealm.DISTRICT, code, null, DISTRICT_STAFF,
                new LineChanged(code, nameZh, "Synced line", "区级同步 / from the district", 130, active));
    }

    private static void send(EventEnvelope env) {
        IntakeFixtures.sendEnvelope(Topics.INTAKE_REFERENCE.topic(), env.aggregateId(), env);
    }

    private boolean processed(EventEnvelope env) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from processed_event where event_id = :e")
                .setParameter("e", env.eventId()).getSingleResult()).longValue()) == 1;
    }

    @SuppressWarnings("unchecked")
    private Object[] line(String code) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select name_zh, name_en, description, sort_order, active from line_catalogue where code = :c")
                .setParameter("c", code).getResultList());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<Object[]> auditRows(String code) {
        return IntakeFixtures.referenceChanges(em, "LINE", code);
    }

    private static Map<String, Object> caseOn(String line) {
        Map<String, Object> b = IntakeFixtures.caseBody(DemoRealm.C11, IntakeFixtures.unique("同步条线诉求"));
        b.put("lineCode", line);
        return b;
    }

    @Test
    void aDistrictLineEventIsAppliedOnceAndTakesCasesAtOnce() {
        String code = "s-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        EventEnvelope first = event(code, "同步条线", true);
        send(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> line(code) != null);
        assertThat(line(code)).containsExactly("同步条线", "Synced line", "区级同步 / from the district", 130, true);
        given().auth().oauth2(SUB1_STAFF).get("/lines").then().statusCode(200).body("code", hasItem(code));
        String caseId = given().auth().oauth2(SUB1_STAFF).contentType("application/json").body(caseOn(code)).post("/cases")
                .then().statusCode(201).extract().path("id");

        EventEnvelope off = event(code, "同步条线", false);
        send(off);
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.FALSE.equals(line(code)[4]));
        given().auth().oauth2(SUB1_STAFF).contentType("application/json").body(caseOn(code)).post("/cases")
                .then().statusCode(422).body("errors.field", hasItem("lineCode"));
        given().auth().oauth2(SUB1_STAFF).get("/cases/" + caseId).then().statusCode(200).body("lineName", is("同步条线"));

        // the first event redelivered (it would reactivate), then the current values under a new id
        send(first);
        EventEnvelope sameAgain = event(code, "同步条线", false);
        send(sameAgain);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(sameAgain)); // same key: handled after the replay
        assertThat(line(code)[4]).isEqualTo(false);

        List<Object[]> audit = auditRows(code);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)[0]).isEqualTo("CREATE");
        assertThat(audit.get(0)[1]).isEqualTo("dist");
        assertThat(audit.get(0)[2]).isEqualTo("district-staff");
        assertThat(audit.get(0)[3]).isNull();
        assertThat(audit.get(0)[4].toString()).contains("同步条线").contains("\"sortOrder\": 130");
        assertThat(audit.get(1)[0]).isEqualTo("DEACTIVATE");
        assertThat(audit.get(1)[4].toString()).contains("\"active\": false");
        // it publishes nothing itself
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where message_key = :k").setParameter("k", code).getSingleResult())
                .longValue())).isZero();
    }

    /** A line outside what the API admits is a poison message: dead-lettered, not written; the next one still applies. */
    @Test
    void anOutOfBoundsLineIsDeadLetteredAndNotWritten() {
        String code = "s-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        EventEnvelope poison = EventEnvelope.of(EventType.LINE_CHANGED, DemoRealm.DISTRICT, code, null, DISTRICT_STAFF,
                new LineChanged(code, "越界条线", "Out of bounds", "", 5000, true));
        send(poison);
        String eventId = poison.eventId().toString();
        IntakeFixtures.awaitRecord(Topics.INTAKE_REFERENCE.dlt("intake"), code, v -> v.contains(eventId), Duration.ofSeconds(60));
        assertThat(line(code)).isNull();
        assertThat(auditRows(code)).isEmpty();

        EventEnvelope good = event(code, "越界后条线", true);
        send(good);
        await().atMost(Duration.ofSeconds(60)).until(() -> line(code) != null);
        assertThat(line(code)[3]).isEqualTo(130);
    }

    @Test
    void itRefusesToChangeTheLinesItself() {
        String code = "s-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> body = Map.of("code", code, "nameZh", "本地条线", "nameEn", "Local line", "description", "",
                "sortOrder", 5);
        for (String token : List.of(TestTokens.of("dist", "district-staff", DemoRealm.DISTRICT),
                TestTokens.of("ops", "ops-admin", DemoRealm.DISTRICT))) {
            given().auth().oauth2(token).contentType("application/json").body(body).post("/lines").then().statusCode(409)
                    .contentType("application/problem+json").body("errors.field", hasItem("code"))
                    .body("type", containsString("maintained-by-the-district"))
                    .body("detail", containsString("由区级部署单元维护"))
                    .body("detail", containsString("maintained by the district's piece"));
            given().auth().oauth2(token).contentType("application/json").body(body).put("/lines/housing").then()
                    .statusCode(409).body("errors.field", hasItem("code"));
        }
        assertThat(line(code)).isNull();
        assertThat(line("housing")[0]).isEqualTo("住房保障");
        assertThat(auditRows(code)).isEmpty();
    }
}
