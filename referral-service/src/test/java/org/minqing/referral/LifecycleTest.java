package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.*;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.UNIT_DISTRICT_HOUSING;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventType;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.ReferralReturned;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.service.WorkingCalendar;

import io.quarkus.test.junit.QuarkusTest;

/** The handling unit's work and the resident's verdict: accept, extend once, return, reply, reopen, close. */
@QuarkusTest
class LifecycleTest {

    @Inject
    WorkingCalendar calendar;

    @Inject
    AppClock clock;

    private String referredToHousing(String community) {
        return routedToHousing(recordCase(community, "housing", null, randomText(30)));
    }

    /** The referral the case opened, routed to the sub-district's housing office. */
    private String routedToHousing(String caseId) {
        String id = referralIdForCase(caseId);
        route(id, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
        return id;
    }

    private void unit(String id, String action, Map<String, ?> body, int status) {
        given().auth().oauth2(HOUSING).contentType("application/json").body(body)
                .post("/referrals/" + id + "/" + action).then().statusCode(status);
    }

    @Test
    void anExtensionIsGrantedOnceByAtMostThirtyDays() {
        String id = referredToHousing(freshCommunity());
        unit(id, "accept", Map.of("note", "已受理"), 200);
        ReferralAccepted accepted = awaitEvent(id, EventType.REFERRAL_ACCEPTED).payloadAs(ReferralAccepted.class);
        LocalDate resolveBy = calendar.plusCalendarDays(clock.today(), 60);
        assertThat(accepted.resolveBy()).isEqualTo(resolveBy);
        int timelineBefore = given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").jsonPath().getList("$").size();

        // more than 30 days: refused, nothing changes
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("days", 31, "reason", "需协调多个部门"))
                .post("/referrals/" + id + "/extend").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("days"));
        // no reason: refused
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("days", 10))
                .post("/referrals/" + id + "/extend").then().statusCode(400).body("errors.field", hasItem("reason"));
        get(id).body("status", is("ACCEPTED")).body("dueDate", is(resolveBy.toString()))
                .body("extendedDays", is((Object) null));
        assertThat(given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").jsonPath().getList("$")).hasSize(timelineBefore);

        // 30 days with a reason: granted, counted from the old deadline
        unit(id, "extend", Map.of("days", 30, "reason", "需协调规划部门"), 200);
        ReferralExtended ext = awaitEvent(id, EventType.REFERRAL_EXTENDED).payloadAs(ReferralExtended.class);
        assertThat(ext.days()).isEqualTo(30);
        assertThat(ext.resolveBy()).isEqualTo(calendar.plusCalendarDays(resolveBy, 30));
        // a second one, in EXTENDED or after more progress: refused, deadline unchanged
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("days", 5, "reason", "再延"))
                .post("/referrals/" + id + "/extend").then().statusCode(409).contentType("application/problem+json");
        unit(id, "progress", Map.of("note", "已约谈开发商"), 200);
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("days", 5, "reason", "再延"))
                .post("/referrals/" + id + "/extend").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("days"));
        get(id).body("status", is("IN_PROGRESS")).body("dueDate", is(ext.resolveBy().toString()))
                .body("extendedDays", is(30));
        assertThat(countEvents(id, EventType.REFERRAL_EXTENDED)).isEqualTo(1);
    }

    @Test
    void aUnitReturnsWhatIsNotItsRemitAndItIsRoutedAgain() {
        String id = referredToHousing(freshCommunity());
        unit(id, "return", Map.of(), 400);
        unit(id, "return", Map.of("reason", "属区级规划审批事项，不在街道职权范围"), 200);
        ReferralReturned r = awaitEvent(id, EventType.REFERRAL_RETURNED).payloadAs(ReferralReturned.class);
        assertThat(r.unitId()).isEqualTo(UNIT_HOUSING);
        assertThat(r.reason()).contains("规划");
        get(id).body("status", is("RETURNED")).body("unitId", is((Object) null)).body("allowedActions", hasItem("ROUTE"));
        // the unit no longer holds it
        given().auth().oauth2(HOUSING).get("/referrals/" + id).then().statusCode(404);
        // routed again, to the district housing bureau through the deputy
        route(id, "REPRESENTATIVE_CONTACT", UNIT_DISTRICT_HOUSING, DemoRealm.REP_NPC, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents(id, EventType.REFERRAL_REFERRED) == 2);
        get(id).body("status", is("REFERRED")).body("unitId", is(UNIT_DISTRICT_HOUSING));
        given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").then()
                .body("action", org.hamcrest.Matchers.contains("OPEN", "ROUTE", "RETURN", "ROUTE"))
                .body("[2].reason", org.hamcrest.Matchers.containsString("规划"))
                .body("[2].actor", is("unit.housing"));
    }

    @Test
    void theReturnWindowIsFiveWorkingDays() {
        String id = referredToHousing(freshCommunity());
        LocalDate returnBy = LocalDate.parse(view(id).getString("returnBy"));
        assertThat(returnBy).isEqualTo(calendar.plusWorkingDays(clock.today(), 5));
        try {
            clock.setOffset(Duration.ofDays(returnBy.toEpochDay() - clock.today().toEpochDay() + 1));
            given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("reason", "不属于本部门"))
                    .post("/referrals/" + id + "/return").then().statusCode(409).contentType("application/problem+json");
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        get(id).body("status", is("REFERRED")).body("unitId", is(UNIT_HOUSING));
    }

    @Test
    void anUnsatisfiedResidentReopensItOnceThenTheDistrictReviews() {
        String community = freshCommunity();
        String caseId = recordCase(community, "housing", null, randomText(30));
        String id = routedToHousing(caseId);
        unit(id, "accept", Map.of(), 200);
        unit(id, "progress", Map.of("note", "现场查看"), 200);
        unit(id, "reply", Map.of("reply", "已责成物业整改"), 200);
        ReferralReplied replied = awaitEvent(id, EventType.REFERRAL_REPLIED).payloadAs(ReferralReplied.class);
        assertThat(replied.onTime()).isTrue();
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "电话告知"))
                .post("/referrals/" + id + "/resident-informed").then().statusCode(200).body("status", is("RESIDENT_INFORMED"));
        awaitEvent(id, EventType.REFERRAL_RESIDENT_INFORMED);

        feedback(community, caseId, Satisfaction.UNSATISFIED);
        ReferralReopened reopened = awaitEvent(id, EventType.REFERRAL_REOPENED).payloadAs(ReferralReopened.class);
        assertThat(reopened.resolveBy()).isEqualTo(calendar.plusCalendarDays(clock.today(), 30));
        get(id).body("status", is("REOPENED")).body("reopenCount", is(1)).body("satisfaction", is("UNSATISFIED"));

        unit(id, "reply", Map.of("reply", "已再次督促整改"), 200);
        feedback(community, caseId, Satisfaction.UNSATISFIED);
        awaitEvent(id, EventType.REFERRAL_REVIEW_REQUESTED);
        org.minqing.events.referral.ReferralEscalated up = awaitEvent(id, EventType.REFERRAL_ESCALATED)
                .payloadAs(org.minqing.events.referral.ReferralEscalated.class);
        assertThat(up.toTier()).isEqualTo(org.minqing.events.referral.Tier.DISTRICT);
        get(id).body("reviewRequested", is(true)).body("watchTier", is("DISTRICT"))
                .body("watchJurisdiction", is("310104000000"));
        assertThat(countEvents(id, EventType.REFERRAL_REOPENED)).isEqualTo(1);
    }

    @Test
    void aSatisfiedResidentClosesIt() {
        String community = freshCommunity();
        String caseId = recordCase(community, "housing", null, randomText(30));
        String id = routedToHousing(caseId);
        unit(id, "accept", Map.of(), 200);
        unit(id, "reply", Map.of("reply", "已修复"), 200);
        feedback(community, caseId, Satisfaction.BASICALLY_SATISFIED);
        awaitEvent(id, EventType.REFERRAL_CLOSED);
        get(id).body("status", is("CLOSED")).body("satisfaction", is("BASICALLY_SATISFIED"));
        // supervising a closed referral is refused
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "督办"))
                .post("/referrals/" + id + "/supervision").then().statusCode(409);
    }

    @Test
    void staffIssueASupervisionNotice() {
        // even an unrouted referral can be supervised: the notice then presses the routing staff
        String queued = referralIdForCase(recordCase(freshCommunity(), "housing", null, randomText(30)));
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "请尽快转办"))
                .post("/referrals/" + queued + "/supervision").then().statusCode(200);
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of())
                .post("/referrals/" + queued + "/supervision").then().statusCode(400);
        String id = referredToHousing(freshCommunity());
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "请加快办理"))
                .post("/referrals/" + id + "/supervision").then().statusCode(200)
                .body("respondBy", is(calendar.plusWorkingDays(clock.today(), 5).toString()));
        awaitEvent(id, EventType.REFERRAL_SUPERVISION_ISSUED);
        given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").then().body("action", hasItem("SUPERVISE"));
    }

    @Test
    void aRedeliveredCaseEventOpensOneReferralAndAPoisonMessageIsDeadLettered() {
        String community = freshCommunity();
        String caseId = java.util.UUID.randomUUID().toString();
        var env = org.minqing.events.EventEnvelope.of(EventType.CASE_RECORDED, community, caseId, null,
                new org.minqing.events.Actor("c11", "community-staff"),
                new org.minqing.events.intake.CaseRecorded(caseId, org.minqing.events.intake.IntakeChannel.HOTLINE,
                        community, "housing", null, null, null, randomText(30), 1, 1, false,
                        org.minqing.events.intake.Urgency.URGENT, null, java.util.List.of(), 1, true, false,
                        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        send(env);
        send(env);
        send(caseId, "{not an envelope");
        // feedback on the same key (same partition) comes after both copies and the poison
        feedback(community, caseId, Satisfaction.SATISFIED);
        String id = referralIdForCase(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DISTRICT)
                .get("/referrals/" + id + "/timeline").jsonPath().getList("action").contains("FEEDBACK"));
        given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").then()
                .body("action", org.hamcrest.Matchers.contains("OPEN", "FEEDBACK"));
        given().auth().oauth2(DISTRICT).queryParam("caseId", caseId).get("/referrals").then().body("size()", is(1))
                .body("[0].priority", is(2)).body("[0].status", is("TO_ROUTE"));
        awaitEvent(id, EventType.REFERRAL_OPENED);
        try (var companion = new io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion(
                org.minqing.testing.NativeKafka.shared().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("minqing.intake.case.dlt.referral");
            await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream().anyMatch(r -> caseId.equals(r.key())));
            task.stop();
            assertThat(task.getRecords().stream().filter(r -> caseId.equals(r.key())).map(r -> r.value()).toList())
                    .containsExactly("{not an envelope");
        }
        assertThat(countEvents(id, EventType.REFERRAL_OPENED)).isEqualTo(1);
    }
}
