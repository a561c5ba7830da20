package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.minqing.representative.Fixtures.C11;
import static org.minqing.representative.Fixtures.C11_STAFF;
import static org.minqing.representative.Fixtures.C12_STAFF;
import static org.minqing.representative.Fixtures.SUB1_STAFF;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.Topics;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Registration with a chosen id, contact encrypted at rest and masked by role, scope and field-named refusals. */
@QuarkusTest
class RepresentativeApiTest {

    @Inject
    EntityManager em;

    @Test
    void registersWithTheSsoIdEncryptsContactAndEmitsTheEventWithIt() throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = Fixtures.representative("王建国", "NPC_DEPUTY", C11);
        body.put("id", id.toString());
        body.put("userSubject", "rep.npc.test");
        String phone = (String) body.get("phone");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(body)
                .post("/representatives").then().statusCode(201)
                .body("id", is(id.toString())).body("phone", is(phone)).body("kindLabel", is("区人大代表"));

        // Stored encrypted, never in plain text.
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select phone_enc from representative where id = :id").setParameter("id", id).getSingleResult());
        assertThat(stored).startsWith("v2:local1:").doesNotContain(phone);
        // M3: the event carries the contact notification-service needs only sealed, never in clear.
        String envelope = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select envelope from outbox_event where message_key = :k and event_type = 'representative.representative.registered'")
                .setParameter("k", id.toString()).getSingleResult());
        assertThat(envelope).doesNotContain(phone).doesNotContain((String) body.get("email")).contains("rep.npc.test");

        // The relay delivers it to Kafka, keyed by the representative id, with the type header.
        var records = Fixtures.records(Topics.REPRESENTATIVE.topic(), id.toString(), 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).doesNotContain(phone).doesNotContain((String) body.get("email"));
        // ... and whoever holds the event-contact key (notification-service) opens exactly this contact
        var payload = org.minqing.events.Events.mapper().readTree(records.get(0).value()).get("payload");
        java.util.Map<String, byte[]> keys = java.util.Map.of("eclocal1",
                java.util.Base64.getDecoder().decode("TUQy+ZNWUqBYH0JRRM1qfd3XqYbCGO1A9DQAPr3aYj0="));
        assertThat(org.minqing.events.SealedContact.open(keys, org.minqing.events.EventType.REPRESENTATIVE_REGISTERED,
                id.toString(), "mobile", payload.get("mobileSealed").asText())).isEqualTo(phone);
        assertThat(org.minqing.events.SealedContact.open(keys, org.minqing.events.EventType.REPRESENTATIVE_REGISTERED,
                id.toString(), "email", payload.get("emailSealed").asText())).isEqualTo(body.get("email"));
        assertThat(new String(records.get(0).headers().lastHeader("minqing-event-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("representative.representative.registered");

        // Same id again: 409.
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(body)
                .post("/representatives").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void contactIsFullForStaffOfThatScopeAndTheRepresentativeMaskedForOthers() {
        UUID id = Fixtures.register("李红梅", "CPPCC_MEMBER", C11);
        String phone = given().auth().oauth2(C11_STAFF).get("/representatives/" + id).then().statusCode(200)
                .body("contactMasked", is(false)).extract().path("phone");
        given().auth().oauth2(Fixtures.repToken(id)).get("/representatives/" + id).then().statusCode(200)
                .body("phone", is(phone));
        given().auth().oauth2(TestTokens.of("lo", "liaison-officer", C11)).get("/representatives/" + id).then()
                .statusCode(200).body("contactMasked", is(true)).body("phone", containsString("****"))
                .body("email", containsString("***@example.cn"));
        // M8: a service account reaches only what is granted to its client; no service reads representatives.
        given().auth().oauth2(TestTokens.serviceAccount("notification-service", "310104000000"))
                .get("/representatives/" + id).then().statusCode(403);
    }

    @Test
    void aCommunityCannotSeeOrWriteItsNeighboursRepresentatives() {
        UUID id = Fixtures.register("赵志强", "PARTY_DELEGATE", C11);
        given().auth().oauth2(C12_STAFF).get("/representatives/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(C12_STAFF).get("/representatives").then().statusCode(200)
                .body("id", not(hasItem(id.toString())));
        given().auth().oauth2(C12_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.representative("越界", "PARTY_DELEGATE", C11))
                .post("/representatives").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(C12_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.representative("赵志强", "PARTY_DELEGATE", C11))
                .put("/representatives/" + id).then().statusCode(404);
        // Representatives cannot register anyone.
        given().auth().oauth2(Fixtures.repToken(id)).contentType(ContentType.JSON)
                .body(Fixtures.representative("自封", "PARTY_DELEGATE", C11))
                .post("/representatives").then().statusCode(403);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        String name = "坏数据" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> unknownKind = Fixtures.representative(name, "NPC_DEPUTY", C11);
        unknownKind.put("kind", "MAYOR");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(unknownKind)
                .post("/representatives").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"));

        Map<String, Object> endBeforeStart = Fixtures.representative(name, "NPC_DEPUTY", C11);
        endBeforeStart.put("termStart", "2026-01-01");
        endBeforeStart.put("termEnd", "2025-01-01");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(endBeforeStart)
                .post("/representatives").then().statusCode(400).body("errors.field", hasItem("termEnd"))
                .body("detail", containsString("请修改"));

        Map<String, Object> badCode = Fixtures.representative(name, "PARTY_DELEGATE", "3101040010");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(badCode)
                .post("/representatives").then().statusCode(400).body("errors.field", hasItem("constituencyCode"));

        Map<String, Object> oversized = Fixtures.representative("长".repeat(51), "PARTY_DELEGATE", C11);
        oversized.put("liaisonStation", "站".repeat(101));
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(oversized)
                .post("/representatives").then().statusCode(400).body("errors.field", hasItems("name", "liaisonStation"));

        Map<String, Object> noLevel = Fixtures.representative(name, "NPC_DEPUTY", C11);
        noLevel.remove("level");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(noLevel)
                .post("/representatives").then().statusCode(400).body("errors.field", hasItem("level"));
        noLevel.put("phone", "12345");
        noLevel.put("email", "not-an-address");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(noLevel)
                .post("/representatives").then().statusCode(400).body("errors.field", hasItems("phone", "email"));

        long written = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from representative where name = :n or name like '长长长%'")
                .setParameter("n", name).getSingleResult()).longValue());
        assertThat(written).isZero();
    }

    @Test
    void anUpdateCarriesTheFullNewStateAndMayNotLeaveTheScope() {
        UUID id = Fixtures.register("孙卫东", "NPC_DEPUTY", C11);
        Map<String, Object> body = Fixtures.representative("孙卫东", "NPC_DEPUTY", C11);
        body.put("level", "CITY");
        body.put("active", false);
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(body)
                .put("/representatives/" + id).then().statusCode(200)
                .body("level", is("CITY")).body("active", is(false)).body("kindLabel", is("市人大代表"));
        String envelope = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select envelope from outbox_event where message_key = :k and event_type = 'representative.representative.updated'")
                .setParameter("k", id.toString()).getSingleResult());
        // the full new state, the contact sealed (M3), never in clear
        assertThat(envelope).contains("\"active\":false").contains("\"level\":\"CITY\"").contains("\"mobileSealed\":\"eclocal1:")
                .doesNotContain((String) body.get("phone")).doesNotContain((String) body.get("email"));
        body.put("constituencyCode", "310104001002");
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(body)
                .put("/representatives/" + id).then().statusCode(403);
        body.put("id", UUID.randomUUID().toString());
        body.put("constituencyCode", C11);
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(body)
                .put("/representatives/" + id).then().statusCode(400).body("errors.field", hasItem("id"));
    }

    @Test
    void liaisonOfficersPerCommunityWithTheirEvent() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "陈联络");
        body.put("communityCode", C11);
        body.put("phone", Fixtures.freshPhone());
        body.put("email", "lo@example.cn");
        String id = given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(body)
                .post("/liaison-officers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(C11_STAFF).get("/liaison-officers").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(C12_STAFF).get("/liaison-officers").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(C12_STAFF).contentType(ContentType.JSON).body(body)
                .post("/liaison-officers").then().statusCode(403);
        body.put("communityCode", "310104001000");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(body)
                .post("/liaison-officers").then().statusCode(400).body("errors.field", hasItem("communityCode"));
        long events = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from outbox_event where message_key = :k and event_type = 'representative.liaison-officer.registered'")
                .setParameter("k", id).getSingleResult()).longValue());
        assertThat(events).isEqualTo(1);
        String envelope = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select envelope from outbox_event where message_key = :k and event_type = 'representative.liaison-officer.registered'")
                .setParameter("k", id).getSingleResult());
        assertThat(envelope).as("M3: no contact in clear").doesNotContain((String) body.get("phone"))
                .doesNotContain("lo@example.cn").contains("mobileSealed");
    }
}
