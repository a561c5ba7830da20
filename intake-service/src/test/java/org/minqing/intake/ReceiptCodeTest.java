package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.Route;
import org.minqing.intake.service.EncryptedFields;
import org.minqing.intake.service.ReceiptCodeBackfill;
import org.minqing.intake.service.ReceiptCodes;
import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.time.AppClock;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * H1/L7: the receipt code (回执码) is the resident's credential. It is handed out once, in the
 * answer that records the case; no other answer carries it, for any role. Reprinting the slip
 * reissues the code (staff in scope only, logged). At rest there is only its keyed hash and an
 * encrypted copy.
 */
@QuarkusTest
class ReceiptCodeTest {

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    @Inject
    ReceiptCodeBackfill backfill;

    private static String unit() {
        return TestTokens.handlingUnit("unit.housing", UNIT_HOUSING, SUB1);
    }

    private static Response status(String code) {
        return RestAssured.given().header("X-Forwarded-For", "10.9." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250))
                .contentType("application/json").body(java.util.Map.of("receiptCode", code)).post("/public/cases/status");
    }

    /** A case in C11, referred to unit.housing (so the unit may read it); returns {id, code}. */
    private static String[] referredCase() {
        Response r = record(staff(C11), caseBody(C11, "回执码 " + unique("h1")));
        r.then().statusCode(201).header("Cache-Control", "no-store");
        String id = r.path("id");
        String code = r.path("receiptCode");
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        String referralId = UUID.randomUUID().toString();
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REFERRED, C11, referralId,
                new ReferralReferred(referralId, id, Route.SUBDISTRICT_DEPARTMENT, UNIT_HOUSING, "街道房管办", null,
                        LocalDate.now().plusDays(15), false));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(unit()).get("/cases/" + id).statusCode() == 200);
        return new String[] { id, code };
    }

    private static void assertNoCode(Response r, String code, String what) {
        String body = r.asString();
        assertThat(body).as(what).doesNotContain(code).doesNotContain(code.replace("-", "")).doesNotContain("receiptCode");
    }

    @Test
    void onlyTheRecordingAnswerCarriesTheCode() {
        String[] c = referredCase();
        String id = c[0];
        String code = c[1];
        for (String token : List.of(staff(C11), staff(SUB1), staff(DISTRICT), rep(), liaison(), unit())) {
            Response detail = as(token).get("/cases/" + id);
            detail.then().statusCode(200).body("$", not(hasKey("receiptCode")));
            assertNoCode(detail, code, "GET /cases/{id}");
        }
        assertNoCode(as(staff(C11)).queryParam("limit", 100).get("/cases").then().statusCode(200).extract().response(), code,
                "GET /cases");
        assertNoCode(as(staff(C11)).get("/open311/v2/requests/" + id + ".json").then().statusCode(200).extract().response(), code,
                "Open311 request");
        assertNoCode(as(staff(SUB1)).get("/cases/" + id + "/access-log").then().statusCode(200).extract().response(), code,
                "access log");
        // The old slip (code in HTML) is gone.
        as(staff(C11)).accept("text/html").get("/cases/" + id + "/receipt").then().statusCode(405);
        // The code still works for the resident.
        status(code).then().statusCode(200).body("status", is("REFERRED"));
    }

    @Test
    void reprintingReissuesTheCodeForStaffInScopeOnlyAndIsLogged() {
        String[] c = referredCase();
        String id = c[0];
        String oldCode = c[1];
        for (String token : List.of(unit(), rep(), liaison(), notificationService(), partner())) {
            Response denied = as(token).post("/cases/" + id + "/receipt");
            denied.then().statusCode(403);
            assertNoCode(denied, oldCode, "denied reissue");
        }
        as(staff(C12)).post("/cases/" + id + "/receipt").then().statusCode(404);
        RestAssured.given().post("/cases/" + id + "/receipt").then().statusCode(401);
        status(oldCode).then().statusCode(200);

        Response slip = as(staff(C11)).post("/cases/" + id + "/receipt");
        slip.then().statusCode(200).header("Cache-Control", "no-store")
                .body("caseId", is(id))
                // Today in Shanghai, the service's day: from 16:00 UTC the machine's own date is a day behind.
                .body("receivedOn", is(LocalDate.now(AppClock.ZONE).toString()))
                .body("communityCode", is(C11))
                .body("communityName", is("泾水社区"))
                .body("lineCode", is("housing"))
                .body("lineName", is("住房保障 / Housing"))
                .body("status", is("REFERRED"))
                .body("statusLabelZh", is("已转办"));
        String newCode = slip.path("receiptCode");
        assertThat(newCode).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").isNotEqualTo(oldCode);
        assertThat(slip.asString()).doesNotContain(PHONE).doesNotContain("王秀英");

        // The old code no longer opens the case; the new one does.
        status(oldCode).then().statusCode(404);
        status(newCode).then().statusCode(200).body("status", is("REFERRED"));
        // Nobody reads the new code back.
        for (String token : List.of(staff(C11), unit(), rep(), liaison())) {
            assertNoCode(as(token).get("/cases/" + id).then().statusCode(200).extract().response(), newCode, "detail after reissue");
        }
        List<Object[]> log = accessLog(id);
        assertThat(log).anySatisfy(row -> {
            assertThat(row[0]).isEqualTo("staff-" + C11);
            assertThat(row[3]).isEqualTo("POST /cases/{id}/receipt");
        });
        // notification-service reads the code in force at send time.
        as(notificationService()).get("/internal/cases/" + id + "/contacts").then().statusCode(200)
                .body("receiptCode", is(newCode));
    }

    @Test
    void atRestThereIsOnlyTheKeyedHashAndACiphertext() {
        Response r = record(staff(C11), caseBody(C11, "静态存储 " + unique("l7")));
        String id = r.path("id");
        String code = r.path("receiptCode");
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select receipt_code, receipt_hash, receipt_code_enc, cast(t as text) from intake_case t where id = :id")
                .setParameter("id", UUID.fromString(id)).getSingleResult());
        assertThat(row[0]).isNull();
        assertThat((String) row[1]).matches("[0-9a-f]{64}");
        assertThat((String) row[2]).startsWith("v2:local1:");
        assertThat(cipher.decrypt(EncryptedFields.RECEIPT_CODE.row(UUID.fromString(id)), (String) row[2])).isEqualTo(code);
        assertThat((String) row[3]).doesNotContain(code).doesNotContain(code.replace("-", ""));
    }

    @Test
    void plaintextCodesFromBeforeTheMigrationAreEncryptedAndStillWork() {
        String code = new ReceiptCodes().generate();
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into intake_case (id, receipt_code, receipt_hash, channel, community_code, line_code, description,
                  households, persons, group_petition, urgency, received_on, visitor_count, anonymous, has_contact, status,
                  recorded_by, recorded_role, recorded_at, updated_at)
                values (:id, :code, :hash, 'HOTLINE', :c, 'housing', '迁移前的案件', 1, 1, false, 'NORMAL', current_date, 0,
                  true, false, 'RECORDED', 'legacy', 'community-staff', :at, :at)""")
                .setParameter("id", id).setParameter("code", code)
                .setParameter("hash", cipher.blindIndex(ReceiptCodes.parse(code).canonical())).setParameter("c", C11)
                .setParameter("at", Instant.now()).executeUpdate());
        assertThat(backfill.run()).isGreaterThanOrEqualTo(1);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select receipt_code, receipt_code_enc from intake_case where id = :id").setParameter("id", id).getSingleResult());
        assertThat(row[0]).isNull();
        assertThat(cipher.decrypt(EncryptedFields.RECEIPT_CODE.row(id), (String) row[1])).isEqualTo(code);
        status(code).then().statusCode(200).body("status", is("RECORDED"));
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from intake_case where receipt_code is not null").getSingleResult()).longValue());
        assertThat(left).isZero();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> accessLog(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select accessed_by, role, purpose, endpoint from personal_data_access where case_id = :c order by id")
                .setParameter("c", UUID.fromString(caseId)).getResultList());
    }
}
