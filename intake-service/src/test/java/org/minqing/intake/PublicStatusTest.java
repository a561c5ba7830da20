package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.ResidentInformed;
import org.minqing.events.referral.Route;
import org.minqing.intake.service.ReceiptCodes;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The resident's status page by receipt code, without login: known, unknown and mistyped codes
 * answered differently, no personal data or staff names, rate-limited, feedback becomes an event.
 */
@QuarkusTest
class PublicStatusTest {

    private static RequestSpecification anyone() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return RestAssured.given().header("X-Forwarded-For", "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255));
    }

    /** POST /public/cases/status with the code in the body, from a fresh client address. */
    static Response status(String code) {
        return anyone().contentType("application/json").body(Map.of("receiptCode", code)).post("/public/cases/status");
    }

    static Response feedback(String code, Map<String, Object> rating) {
        Map<String, Object> body = new java.util.HashMap<>(rating);
        body.put("receiptCode", code);
        return anyone().contentType("application/json").body(body).post("/public/cases/feedback");
    }

    private static Map<String, Object> recorded(String description) {
        Response r = record(staff(C11), caseBody(C11, description));
        r.then().statusCode(201);
        return Map.of("id", r.path("id"), "code", r.path("receiptCode"));
    }

    @Test
    void aKnownCodeShowsStatusAndMilestonesButNoPersonalDataOrStaffNames() {
        Map<String, Object> c = recorded("楼顶漏水 " + unique("pub"));
        String id = (String) c.get("id");
        String code = (String) c.get("code");
        String referralId = UUID.randomUUID().toString();
        LocalDate ack = LocalDate.now().plusDays(15);
        LocalDate due = LocalDate.now().plusDays(60);
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_OPENED, C11, referralId,
                new ReferralOpened(referralId, id, C11, "housing", Route.SUBDISTRICT_DEPARTMENT, UNIT_HOUSING, ack));
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REFERRED, C11, referralId,
                new ReferralReferred(referralId, id, Route.SUBDISTRICT_DEPARTMENT, UNIT_HOUSING, "街道房管办", null, ack, false));
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_ACCEPTED, C11, referralId,
                new ReferralAccepted(referralId, id, UNIT_HOUSING, due));
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_PROGRESS".equals(status(code).path("status")));

        String body = status(code.toLowerCase()).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("$", not(org.hamcrest.Matchers.hasKey("receiptCode")))
                .body("statusLabelZh", is("办理中"))
                .body("expectedDate", is(due.toString()))
                .body("milestones.kind", org.hamcrest.Matchers.contains("RECORDED", "REFERRAL_OPENED", "REFERRED", "ACCEPTED"))
                .body("feedbackOpen", is(false))
                .extract().asString();
        assertThat(body).doesNotContain(PHONE).doesNotContain("王秀英").doesNotContain(ID_NUMBER)
                .doesNotContain("街道房管办").doesNotContain("staff-").doesNotContain("泾水公寓");

        // Staff see the same timeline with the details.
        as(staff(C11)).get("/cases/" + id).then().statusCode(200)
                .body("timeline.find { it.kind == 'REFERRED' }.detail", containsString("街道房管办"))
                .body("referralId", is(referralId));
    }

    @Test
    void unknownAndMistypedCodesAreToldApart() {
        String code = (String) recorded("井盖缺失 " + unique("pub")).get("code");
        String unknown = new ReceiptCodes().generate();
        status(unknown).then().statusCode(404).contentType("application/problem+json")
                .body("type", is("https://minqing.org/problems/receipt-code-unknown"));
        // A single wrong symbol is caught by the check symbol.
        char wrong = code.charAt(0) == 'A' ? 'B' : 'A';
        String mistyped = wrong + code.substring(1);
        status(mistyped).then().statusCode(400)
                .body("type", is("https://minqing.org/problems/receipt-code-checksum"))
                .body("errors[0].field", is("receiptCode"));
        // Two neighbours swapped, too (when they differ).
        String d = code.replace("-", "");
        int i = 0;
        while (d.charAt(i) == d.charAt(i + 1)) {
            i++;
        }
        String swapped = d.substring(0, i) + d.charAt(i + 1) + d.charAt(i) + d.substring(i + 2);
        status(swapped).then().statusCode(400)
                .body("type", is("https://minqing.org/problems/receipt-code-checksum"));
        status("not-a-code").then().statusCode(400)
                .body("type", is("https://minqing.org/problems/receipt-code-malformed"));
        // Two unknown codes get byte-for-byte the same answer apart from the path.
        String a = status(new ReceiptCodes().generate()).then().statusCode(404).extract().asString();
        String b = status(new ReceiptCodes().generate()).then().statusCode(404).extract().asString();
        assertThat(a).isEqualTo(b);
        // No code, or an absurdly long one: 400 naming the field.
        anyone().contentType("application/json").body(Map.of()).post("/public/cases/status").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("receiptCode"));
        status("A".repeat(41)).then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("receiptCode"));
        // The code is never taken from a URL any more.
        anyone().get("/public/cases/" + code).then().statusCode(org.hamcrest.Matchers.either(is(404)).or(is(405)));
    }

    @Test
    void theLookUpIsRateLimitedPerClientAddress() {
        String address = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        String unknown = new ReceiptCodes().generate();
        Map<String, Object> body = Map.of("receiptCode", unknown);
        for (int i = 0; i < 5; i++) {
            RestAssured.given().header("X-Forwarded-For", address).contentType("application/json").body(body)
                    .post("/public/cases/status").then().statusCode(404);
        }
        RestAssured.given().header("X-Forwarded-For", address).contentType("application/json").body(body)
                .post("/public/cases/status").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", "60");
        // Feedback shares the limit.
        RestAssured.given().header("X-Forwarded-For", address).contentType("application/json")
                .body(Map.of("receiptCode", unknown, "rating", "SATISFIED")).post("/public/cases/feedback").then().statusCode(429);
        // Another address is not affected.
        status(unknown).then().statusCode(404);
    }

    @Test
    void feedbackOnTheResultBecomesAnEventOnce() throws Exception {
        Map<String, Object> c = recorded("小区停车难 " + unique("pub"));
        String id = (String) c.get("id");
        String code = (String) c.get("code");
        feedback(code, Map.of("rating", "SATISFIED")).then().statusCode(409);

        String referralId = UUID.randomUUID().toString();
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REPLIED, C11, referralId,
                new ReferralReplied(referralId, id, UNIT_HOUSING, "已协调增设停车位", Instant.now(), true));
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(status(code).path("feedbackOpen")));
        status(code).then().body("status", is("REPLIED")).body("statusLabelZh", is("已答复"));
        // Staff tell the visitor the result: the page says so, and the rating is still open.
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_RESIDENT_INFORMED, C11, referralId,
                new ResidentInformed(referralId, id, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> "INFORMED".equals(status(code).path("status")));
        status(code).then().body("statusLabelZh", is("已告知结果，待评价"))
                .body("feedbackOpen", is(true));

        feedback(code, Map.of("rating", "BAD")).then().statusCode(400).body("errors[0].field", is("rating"));
        feedback(code, Map.of("rating", "UNSATISFIED", "comment", "车位仍然不够")).then().statusCode(201)
                .body("rating", is("UNSATISFIED")).body("$", not(org.hamcrest.Matchers.hasKey("receiptCode")));
        feedback(code, Map.of("rating", "SATISFIED")).then().statusCode(409);

        var record = awaitRecord(Topics.CASE.topic(), id, v -> v.contains(EventType.CASE_FEEDBACK_GIVEN.type()),
                Duration.ofSeconds(60));
        EventEnvelope env = Events.mapper().readValue(record.value(), EventEnvelope.class);
        FeedbackGiven fb = env.payloadAs(FeedbackGiven.class);
        assertThat(fb.rating()).isEqualTo(Satisfaction.UNSATISFIED);
        assertThat(fb.comment()).isEqualTo("车位仍然不够");
        assertThat(env.actor().role()).isEqualTo("public");
        status(code).then().body("milestones.kind", org.hamcrest.Matchers.hasItem("FEEDBACK_GIVEN"))
                .body("milestones.labelZh", not(org.hamcrest.Matchers.hasItem("车位仍然不够")));
    }
}
