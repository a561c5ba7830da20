package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.Route;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Visitors' data in full only for the recording community's staff and the tiers above, masked for
 * representatives, liaison officers and handling units; every full read is in the access log, as
 * is every contact look-up by notification-service.
 */
@QuarkusTest
class MaskingAndAccessLogTest {

    @Inject
    EntityManager em;

    @Test
    void staffInScopeSeeFullDataAndEachReadIsLogged() {
        String id = recordOk(staff(C11), caseBody(C11, "噪声扰民 " + unique("mask")));
        as(staff(C11)).queryParam("purpose", "电话回访 / call back").get("/cases/" + id).then().statusCode(200)
                .body("visitors[0].phone", is(PHONE)).body("visitors[0].idNumber", is(ID_NUMBER))
                .body("visitors[0].name", is("王秀英")).body("visitors[0].masked", is(false))
                .body("contactsMasked", is(false));
        as(staff(DISTRICT)).get("/cases/" + id).then().statusCode(200).body("visitors[0].phone", is(PHONE));

        List<Object[]> log = accessLog(id);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)[0]).isEqualTo("staff-" + C11);
        assertThat(log.get(0)[1]).isEqualTo("community-staff");
        assertThat(log.get(0)[2]).isEqualTo("电话回访 / call back");
        assertThat(log.get(1)[0]).isEqualTo("staff-" + DISTRICT);

        // Auditors see the same log through the API.
        as(staff(SUB1)).get("/cases/" + id + "/access-log").then().statusCode(200)
                .body("size()", is(2)).body("[0].purpose", is("电话回访 / call back"));
    }

    @Test
    void representativesLiaisonOfficersAndUnitsSeeMaskedDataAndNothingIsLogged() {
        String id = recordOk(staff(C11), caseBody(C11, "垃圾清运不及时 " + unique("mask")));
        for (String token : List.of(rep(), liaison())) {
            as(token).get("/cases/" + id).then().statusCode(200)
                    .body("visitors[0].phone", is("138****1234"))
                    .body("visitors[0].idNumber", is("110***********002X"))
                    .body("visitors[0].name", is("王**"))
                    .body("visitors[0].masked", is(true));
        }
        String unit = TestTokens.handlingUnit("unit.housing", UNIT_HOUSING, SUB1);
        as(unit).get("/cases/" + id).then().statusCode(404);
        String referralId = UUID.randomUUID().toString();
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REFERRED, C11, referralId,
                new ReferralReferred(referralId, id, Route.SUBDISTRICT_DEPARTMENT, UNIT_HOUSING, "街道房管办",
                        null, java.time.LocalDate.now().plusDays(15), false));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(unit).get("/cases/" + id).statusCode() == 200);
        as(unit).get("/cases/" + id).then().body("visitors[0].phone", is("138****1234"));
        assertThat(accessLog(id)).isEmpty();
    }

    @Test
    void neighboursDoNotSeeTheCase() {
        String id = recordOk(staff(C11), caseBody(C11, "占道经营 " + unique("mask")));
        as(staff(C12)).get("/cases/" + id).then().statusCode(404).contentType("application/problem+json");
        as(TestTokens.representative("rep.other", UUID.randomUUID().toString(), C21)).get("/cases/" + id).then().statusCode(404);
        assertThat(accessLog(id)).isEmpty();
    }

    @Test
    void notificationServiceGetsContactsThroughItsServiceAccountAndEachCallIsLogged() {
        Map<String, Object> body = caseBody(C11, "需回电 " + unique("contact"));
        body.put("visitors", List.of(Map.of("name", "赵敏", "phone", PHONE), Map.of("name", "无联系方式")));
        String id = recordOk(staff(C11), body);
        as(notificationService()).get("/internal/cases/" + id + "/contacts").then().statusCode(200)
                .body("caseId", is(id))
                .body("contacts.size()", is(1))
                .body("contacts[0].name", is("赵敏"))
                .body("contacts[0].phone", is(PHONE))
                .body("contacts[0].email", nullValue())
                .body("contacts[0]", org.hamcrest.Matchers.hasKey("email"));
        List<Object[]> log = accessLog(id);
        assertThat(log).hasSize(1);
        assertThat(log.get(0)[0]).isEqualTo("service-account-notification-service");
        assertThat(log.get(0)[1]).isEqualTo("service");

        as(staff(C11)).get("/internal/cases/" + id + "/contacts").then().statusCode(403);
        as(rep()).get("/internal/cases/" + id + "/contacts").then().statusCode(403);
        // M8: the role alone opens nothing; only notification-service's own client is granted contacts.
        as(TestTokens.serviceAccount("referral-service", "310104000000")).get("/internal/cases/" + id + "/contacts").then()
                .statusCode(403);
        as(TestTokens.token("service-account-unknown", java.util.Set.of("service"), "310104000000", Map.of()))
                .get("/internal/cases/" + id + "/contacts").then().statusCode(403);
        io.restassured.RestAssured.given().get("/internal/cases/" + id + "/contacts").then().statusCode(401);
        as(notificationService()).get("/internal/cases/" + UUID.randomUUID() + "/contacts").then().statusCode(404);
        assertThat(accessLog(id)).hasSize(1);
    }

    /** Issue 16: a batch of notices' contacts in one call; each naming logged with its own purpose. */
    @Test
    void notificationServiceGetsABatchOfContactsInOneCallAndEachNamingIsLogged() {
        Map<String, Object> first = caseBody(C11, "批量联系方式一 " + unique("batch"));
        first.put("visitors", List.of(Map.of("name", "钱多", "phone", PHONE)));
        String a = recordOk(staff(C11), first);
        Map<String, Object> second = caseBody(C11, "批量联系方式二 " + unique("batch"));
        second.put("visitors", List.of(Map.of("name", "孙立", "email", "sun.li@example.invalid"), Map.of("name", "无联系方式")));
        String b = recordOk(staff(C11), second);
        String unknown = UUID.randomUUID().toString();

        as(notificationService()).contentType("application/json").body(Map.of("requests", List.of(
                Map.of("caseId", a, "purpose", "notify the visitor: SMS notice 1"),
                Map.of("caseId", b, "purpose", "notify the visitor: e-mail notice 2"),
                Map.of("caseId", unknown),
                Map.of("caseId", a, "purpose", "notify the visitor: e-mail notice 3"))))
                .post("/internal/cases/contacts").then().statusCode(200)
                .body("cases.size()", is(2))
                .body("cases[0].caseId", is(a))
                .body("cases[0].receiptCode", org.hamcrest.Matchers.matchesPattern("[A-Z0-9-]{12,14}"))
                .body("cases[0].contacts[0].name", is("钱多"))
                .body("cases[0].contacts[0].phone", is(PHONE))
                .body("cases[1].caseId", is(b))
                .body("cases[1].contacts.size()", is(1))
                .body("cases[1].contacts[0].email", is("sun.li@example.invalid"))
                .body("missing", is(List.of(unknown)));
        assertThat(accessLog(a)).extracting(r -> r[2]).containsExactly("notify the visitor: SMS notice 1",
                "notify the visitor: e-mail notice 3");
        assertThat(accessLog(a)).extracting(r -> r[3]).containsOnly("POST /internal/cases/contacts");
        assertThat(accessLog(b)).hasSize(1);
        assertThat(accessLog(b).get(0)[0]).isEqualTo("service-account-notification-service");

        // Only notification-service's client; bad input named, nothing logged for it.
        Map<String, Object> one = Map.of("requests", List.of(Map.of("caseId", a)));
        as(staff(C11)).contentType("application/json").body(one).post("/internal/cases/contacts").then().statusCode(403);
        as(TestTokens.serviceAccount("referral-service", "310104000000")).contentType("application/json").body(one).post("/internal/cases/contacts").then()
                .statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(one).post("/internal/cases/contacts").then()
                .statusCode(401);
        as(notificationService()).contentType("application/json").body(Map.of("requests", List.of(Map.of("caseId", "not-a-case"))))
                .post("/internal/cases/contacts").then().statusCode(400)
                .body("errors[0].field", is("requests[0].caseId"));
        as(notificationService()).contentType("application/json").body(Map.of("requests", List.of())).post("/internal/cases/contacts").then().statusCode(400)
                .body("errors[0].field", is("requests"));
        List<Map<String, String>> tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> Map.of("caseId", a)).toList();
        as(notificationService()).contentType("application/json").body(Map.of("requests", tooMany)).post("/internal/cases/contacts").then().statusCode(400)
                .body("errors[0].field", is("requests"));
        as(notificationService()).contentType("application/json").body(Map.of("requests", List.of(Map.of("caseId", a, "purpose", "x".repeat(201)))))
                .post("/internal/cases/contacts").then().statusCode(400)
                .body("errors[0].field", is("requests[0].purpose"));
        assertThat(accessLog(a)).hasSize(2);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> accessLog(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select accessed_by, role, purpose, endpoint from personal_data_access where case_id = :c order by id")
                .setParameter("c", UUID.fromString(caseId)).getResultList());
    }
}
