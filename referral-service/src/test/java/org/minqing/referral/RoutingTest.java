package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.*;
import static org.minqing.testing.DemoRealm.REP_CPPCC;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.UNIT_CITY;
import static org.minqing.testing.DemoRealm.UNIT_DISTRICT_TRANSPORT;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;
import static org.minqing.testing.DemoRealm.UNIT_SUB2_HOUSING;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.Route;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Each route (转办途径), the remit rules' suggestion, what each tier may do, and refused routes. */
@QuarkusTest
class RoutingTest {

    @Inject
    WorkingCalendar calendar;

    @Inject
    AppClock clock;

    @Test
    void aRecordedCaseOpensAReferralInItsSubDistrictQueueWithTheSuggestedRoute() {
        String community = freshCommunity();
        String caseId = recordCase(community, "housing", "测试路" + randomText(3) + "1号", randomText(30));
        String id = referralIdForCase(caseId);
        EventEnvelope opened = awaitEvent(id, EventType.REFERRAL_OPENED);
        ReferralOpened p = opened.payloadAs(ReferralOpened.class);
        assertThat(opened.jurisdiction()).isEqualTo(community);
        assertThat(p.suggestedRoute()).isEqualTo(Route.SUBDISTRICT_DEPARTMENT);
        assertThat(p.suggestedUnitId()).isEqualTo(UNIT_HOUSING);
        assertThat(p.acknowledgeBy()).isEqualTo(calendar.plusCalendarDays(clock.today(), 15));
        get(id).body("status", is("TO_ROUTE")).body("subdistrictCode", is("310104001000"))
                .body("watchTier", is("SUBDISTRICT")).body("allowedActions", hasItem("ROUTE"));
        // planning beyond the sub-district: the rule suggests the representative's contact to the city unit
        String planning = referralIdForCase(recordCase(freshCommunity(), "planning", null, randomText(30)));
        ReferralOpened q = awaitEvent(planning, EventType.REFERRAL_OPENED).payloadAs(ReferralOpened.class);
        assertThat(q.suggestedRoute()).isEqualTo(Route.REPRESENTATIVE_CONTACT);
        assertThat(q.suggestedUnitId()).isEqualTo(UNIT_CITY);
    }

    @Test
    void remitRulesAreDataThatOpsCanChange() {
        String community = freshCommunity();
        String unit = communityUnit(community);
        Map<String, String> rule = Map.of("lineCode", "environment", "scopeCode", community, "route", "COMMUNITY", "unitId", unit);
        // the neighbouring sub-district may not (issue 14: a sub-district maintains the rules of its own area)
        given().auth().oauth2(Fixtures.SUB2).contentType("application/json").body(rule).put("/routing-rules").then().statusCode(403);
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("lineCode", "environment", "scopeCode", community, "route", "COMMUNITY", "unitId", UUID.randomUUID().toString()))
                .put("/routing-rules").then().statusCode(422).body("errors.field", hasItem("unitId"));
        given().auth().oauth2(OPS).contentType("application/json").body(rule).put("/routing-rules").then().statusCode(200);
        given().auth().oauth2(SUB1).get("/routing-rules").then().statusCode(200)
                .body("find { it.scopeCode == '" + community + "' }.unitId", is(unit));
        // the community's own rule beats the sub-district's environment office
        String id = referralIdForCase(recordCase(community, "environment", null, randomText(30)));
        ReferralOpened p = awaitEvent(id, EventType.REFERRAL_OPENED).payloadAs(ReferralOpened.class);
        assertThat(p.suggestedRoute()).isEqualTo(Route.COMMUNITY);
        assertThat(p.suggestedUnitId()).isEqualTo(unit);
        String neighbour = referralIdForCase(recordCase(freshCommunity(), "environment", null, randomText(30)));
        assertThat(awaitEvent(neighbour, EventType.REFERRAL_OPENED).payloadAs(ReferralOpened.class).suggestedUnitId())
                .isEqualTo("8d2e4f10-2b02-4d7a-8b02-000000000202");
    }

    @Test
    void theCommunityHandlesItWithinFiveWorkingDays() {
        String community = freshCommunity();
        String unit = communityUnit(community);
        String id = referralIdForCase(recordCase(community, "social-security", null, randomText(30)));
        route(id, "COMMUNITY", unit, null, false);
        ReferralReferred p = awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class);
        assertThat(p.route()).isEqualTo(Route.COMMUNITY);
        assertThat(p.unitId()).isEqualTo(unit);
        assertThat(p.dueDate()).isEqualTo(calendar.plusWorkingDays(clock.today(), 5));
        get(id).body("status", is("REFERRED")).body("watchTier", is("COMMUNITY"))
                .body("returnBy", is(calendar.plusWorkingDays(clock.today(), 5).toString()));
    }

    @Test
    void theSubDistrictDepartmentOfTheLineHasSixtyDays() {
        String id = referralIdForCase(recordCase(freshCommunity(), "housing", null, randomText(30)));
        route(id, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
        ReferralReferred p = awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class);
        assertThat(p.route()).isEqualTo(Route.SUBDISTRICT_DEPARTMENT);
        assertThat(p.unitName()).contains("房屋管理");
        assertThat(p.representativeId()).isNull();
        assertThat(p.dueDate()).isEqualTo(calendar.plusCalendarDays(clock.today(), 60));
    }

    @Test
    void aRepresentativeContactsTheCityUnitDirectly() {
        String id = referralIdForCase(recordCase(freshCommunity(), "planning", null, randomText(30)));
        route(id, "REPRESENTATIVE_CONTACT", UNIT_CITY, DemoRealm.REP_NPC, false);
        ReferralReferred p = awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class);
        assertThat(p.route()).isEqualTo(Route.REPRESENTATIVE_CONTACT);
        assertThat(p.unitId()).isEqualTo(UNIT_CITY);
        assertThat(p.representativeId()).isEqualTo(DemoRealm.REP_NPC);
        assertThat(p.dueDate()).isEqualTo(calendar.plusCalendarDays(clock.today(), 60));
        // the city unit sees it; it starts to handle it
        given().auth().oauth2(CITY).get("/referrals/" + id).then().statusCode(200).body("route", is("REPRESENTATIVE_CONTACT"));
        // the deputy carrying it follows it even from another community; another deputy does not
        String npc = TestTokens.representative("rep.npc", DemoRealm.REP_NPC, "310104002001");
        String cppcc = TestTokens.representative("rep.cppcc", DemoRealm.REP_CPPCC, "310104002001");
        given().auth().oauth2(npc).get("/referrals/" + id).then().statusCode(200);
        given().auth().oauth2(npc).get("/referrals").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(cppcc).get("/referrals/" + id).then().statusCode(404);
    }

    @Test
    void anInterSessionSuggestionIsAnsweredInThreeMonths() {
        String id = referralIdForCase(recordCase(freshCommunity(), "transport", null, randomText(30)));
        route(id, "INTER_SESSION_SUGGESTION", UNIT_DISTRICT_TRANSPORT, DemoRealm.REP_CPPCC, false);
        ReferralReferred p = awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class);
        assertThat(p.route()).isEqualTo(Route.INTER_SESSION_SUGGESTION);
        assertThat(p.dueDate()).isEqualTo(calendar.plusMonths(clock.today(), 3));
        get(id).body("deadlineKind", is("ANSWER_SUGGESTION"));
    }

    @Test
    void aDifficultSessionSuggestionGetsSixMonths() {
        String id = referralIdForCase(recordCase(freshCommunity(), "planning", null, randomText(30)));
        route(id, "SESSION_SUGGESTION", UNIT_CITY, DemoRealm.REP_NPC, true);
        ReferralReferred p = awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class);
        assertThat(p.route()).isEqualTo(Route.SESSION_SUGGESTION);
        assertThat(p.difficult()).isTrue();
        assertThat(p.dueDate()).isEqualTo(calendar.plusMonths(clock.today(), 6));
    }

    /** The legal time limits through the whole flow, on days around 2025 National Day and 2026 Spring Festival. */
    @Test
    void deadlinesInTheFlowFollowTheOfficialCalendar() {
        String community = freshCommunity();
        String unit = communityUnit(community);
        try {
            // recorded Sat 2025-09-20: 15 days → nominal 10-05 inside the 10-01…10-08 holiday → Thu 10-09
            String id = referralIdForCase(recordCase(community, "social-security", null, randomText(30),
                    java.time.ZonedDateTime.of(2025, 9, 20, 10, 0, 0, 0, AppClock.ZONE).toInstant()));
            assertThat(awaitEvent(id, EventType.REFERRAL_OPENED).payloadAs(ReferralOpened.class).acknowledgeBy())
                    .isEqualTo(LocalDate.parse("2025-10-09"));
            // routed to the community on Fri 09-26: 5 working days = Sun 09-28 (调休), 09-29, 09-30, 10-09, 10-10
            moveTo(LocalDate.parse("2025-09-26"));
            route(id, "COMMUNITY", unit, null, false);
            assertThat(awaitEvent(id, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class).dueDate())
                    .isEqualTo(LocalDate.parse("2025-10-10"));
            get(id).body("returnBy", is("2025-10-10"));

            // a department referral of 2025-12-19: 60 days → nominal 2026-02-17 in Spring Festival → Tue 02-24
            String dept = referralIdForCase(recordCase(community, "housing", null, randomText(30),
                    java.time.ZonedDateTime.of(2025, 12, 19, 9, 0, 0, 0, AppClock.ZONE).toInstant()));
            moveTo(LocalDate.parse("2025-12-19"));
            route(dept, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
            assertThat(awaitEvent(dept, EventType.REFERRAL_REFERRED).payloadAs(ReferralReferred.class).dueDate())
                    .isEqualTo(LocalDate.parse("2026-02-24"));
            // accepted Fri 2026-02-13 → resolve-by: 60 days → 04-14 (Tue); return window passed meanwhile
            moveTo(LocalDate.parse("2026-02-13"));
            given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of()).post("/referrals/" + dept + "/accept")
                    .then().statusCode(200).body("dueDate", is("2026-04-14"));
        } finally {
            clock.setOffset(java.time.Duration.ZERO);
        }
    }

    private void moveTo(LocalDate day) {
        clock.setOffset(java.time.Duration.ofDays(day.toEpochDay() - LocalDate.now(AppClock.ZONE).toEpochDay()));
    }

    @Test
    void badRoutesAreRefusedByFieldAndChangeNothing() {
        knownRepresentative(DemoRealm.REP_NPC, "310104000000", true);
        String community = freshCommunity();
        String id = referralIdForCase(recordCase(community, "housing", null, randomText(30)));
        // unknown unit
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UUID.randomUUID().toString()))
                .post("/referrals/" + id + "/route").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("unitId"));
        // a city-level unit outside the representative routes
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_CITY))
                .post("/referrals/" + id + "/route").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("route")).body("detail", containsString("市级单位"));
        // another sub-district's department
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_SUB2_HOUSING))
                .post("/referrals/" + id + "/route").then().statusCode(422).body("errors.field", hasItem("route"));
        // a sub-district department through a representative route
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "REPRESENTATIVE_CONTACT", "unitId", UNIT_HOUSING, "representativeId", DemoRealm.REP_NPC))
                .post("/referrals/" + id + "/route").then().statusCode(422).body("errors.field", hasItem("route"));
        // a representative route without the representative
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "REPRESENTATIVE_CONTACT", "unitId", UNIT_CITY))
                .post("/referrals/" + id + "/route").then().statusCode(400).body("errors.field", hasItem("representativeId"));
        // no route at all; an unknown route name
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("unitId", UNIT_HOUSING))
                .post("/referrals/" + id + "/route").then().statusCode(400).body("errors.field", hasItem("route"));
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("route", "FAX", "unitId", UNIT_HOUSING))
                .post("/referrals/" + id + "/route").then().statusCode(400).contentType("application/problem+json");

        get(id).body("status", is("TO_ROUTE")).body("unitId", is((Object) null));
        given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").then().statusCode(200)
                .body("size()", is(1)).body("[0].action", is("OPEN"));
        assertThat(typesOf(id)).doesNotContain(EventType.REFERRAL_REFERRED.type());
    }

    @Test
    void scopeFollowsTiersAndUnits() {
        String community = "310104001001";
        String id = referralIdForCase(recordCase(community, "housing", null, randomText(30)));
        String c11 = TestTokens.of("c11", "community-staff", community);
        String c12 = TestTokens.of("c12", "community-staff", "310104001002");
        // own community and the tiers above see it; the neighbour and the other sub-district do not
        given().auth().oauth2(c11).get("/referrals/" + id).then().statusCode(200);
        given().auth().oauth2(SUB1).get("/referrals/" + id).then().statusCode(200);
        given().auth().oauth2(c12).get("/referrals/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(SUB2).get("/referrals/" + id).then().statusCode(404);
        given().auth().oauth2(SUB2).get("/referrals").then().statusCode(200)
                .body("communityCode", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("310104002")));
        // a community may not route; another sub-district may not route it either
        given().auth().oauth2(c11).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING))
                .post("/referrals/" + id + "/route").then().statusCode(403);
        given().auth().oauth2(SUB2).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING))
                .post("/referrals/" + id + "/route").then().statusCode(404);
        // before routing no unit sees it
        given().auth().oauth2(HOUSING).get("/referrals/" + id).then().statusCode(404);
        route(id, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
        given().auth().oauth2(HOUSING).get("/referrals/" + id).then().statusCode(200);
        given().auth().oauth2(HOUSING).get("/referrals").then().statusCode(200)
                .body("unitId", org.hamcrest.Matchers.everyItem(is(UNIT_HOUSING))).body("id", hasItem(id));
        given().auth().oauth2(CITY).get("/referrals/" + id).then().statusCode(404);
        given().auth().oauth2(CITY).get("/referrals").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(id)));
        // a unit that does not hold it can neither accept nor reply
        given().auth().oauth2(CITY).contentType("application/json").body(Map.of())
                .post("/referrals/" + id + "/accept").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(CITY).contentType("application/json").body(Map.of("reply", "已处理"))
                .post("/referrals/" + id + "/reply").then().statusCode(404).contentType("application/problem+json");
        // staff cannot act as the unit
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("reply", "已处理"))
                .post("/referrals/" + id + "/reply").then().statusCode(403);
        get(id).body("status", is("REFERRED")).body("reply", is((Object) null));
        // an illegal transition names the allowed ones
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("outcome", "结束"))
                .post("/referrals/" + id + "/close").then().statusCode(409).contentType("application/problem+json")
                .body("errors.message", hasItem(containsString("ACCEPT")))
                .body("detail", containsString("RETURN"));
        assertThat(LocalDate.now()).isNotNull();
    }

    /** L11: a representative route names a known, serving representative in the caller's line of the hierarchy. */
    @Test
    void aRepresentativeRouteNeedsAKnownServingRepresentativeInScope() {
        String id = referralIdForCase(recordCase(freshCommunity(), "planning", null, randomText(30)));
        String neighbour = UUID.randomUUID().toString();
        String retired = UUID.randomUUID().toString();
        String own = UUID.randomUUID().toString();
        knownRepresentative(neighbour, "310104002001", true); // sub-district 2's deputy
        knownRepresentative(retired, "310104001001", true);
        knownRepresentative(retired, "310104001001", false); // term ended
        knownRepresentative(own, "310104001001", true);
        for (String rep : new String[] { UUID.randomUUID().toString(), "<script>", neighbour, retired }) {
            given().auth().oauth2(SUB1).contentType("application/json")
                    .body(Map.of("route", "REPRESENTATIVE_CONTACT", "unitId", UNIT_CITY, "representativeId", rep))
                    .post("/referrals/" + id + "/route").then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("representativeId"));
        }
        get(id).body("status", is("TO_ROUTE")).body("representativeId", is((Object) null));
        // a serving deputy of the caller's own sub-district is accepted
        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("route", "REPRESENTATIVE_CONTACT", "unitId", UNIT_CITY, "representativeId", own))
                .post("/referrals/" + id + "/route").then().statusCode(200).body("representativeId", is(own));
    }
}
