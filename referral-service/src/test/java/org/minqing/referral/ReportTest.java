package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventType;
import org.minqing.events.intake.Satisfaction;
import org.minqing.kit.time.AppClock;
import org.minqing.testing.SqlRecorder;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** The unit's record (response, on-time, satisfaction, repeat rates, overdue list) and the work report on a known data set. */
@QuarkusTest
class ReportTest {

    @Inject
    AppClock clock;

    @Test
    void ratesOnAKnownDataSet() {
        // A sub-district and a unit of their own, so that no other test's data counts.
        String sub = "310104" + (600 + ThreadLocalRandom.current().nextInt(300)) + "000";
        String c1 = sub.substring(0, 9) + "001";
        String c2 = sub.substring(0, 9) + "002";
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("name", "测试街道房管办", "tier", "SUBDISTRICT", "lines", "housing", "jurisdiction", sub))
                .put("/units/" + unitId).then().statusCode(200);
        String unit = TestTokens.handlingUnit("unit.test", unitId, sub);
        String staff = TestTokens.of("subx", "subdistrict-staff", sub);
        LocalDate from = clock.today();
        LocalDate to = from.plusDays(120);

        String case1 = recordCase(c1, "housing", null, randomText(30));
        String case2 = recordCase(c1, "housing", null, randomText(30));
        String case3 = recordCase(c2, "housing", "泾水公寓40号、78号、84号楼", RepeatPetitionTest.MONTHLY[0][1]);
        String case4 = recordCase(c2, "housing", null, randomText(30));
        String r1 = referralIdForCase(case1);
        String r2 = referralIdForCase(case2);
        String r3 = referralIdForCase(case3);
        String r4 = referralIdForCase(case4);
        for (String r : new String[] { r1, r2, r3, r4 }) {
            given().auth().oauth2(staff).contentType("application/json")
                    .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId))
                    .post("/referrals/" + r + "/route").then().statusCode(200);
        }
        // r1: accepted, replied on time, satisfied. r2: accepted, replied on time, unsatisfied (reopened).
        for (String r : new String[] { r1, r2, r4 }) {
            given().auth().oauth2(unit).contentType("application/json").body(Map.of()).post("/referrals/" + r + "/accept")
                    .then().statusCode(200);
        }
        for (String r : new String[] { r1, r2 }) {
            given().auth().oauth2(unit).contentType("application/json").body(Map.of("reply", "已办理"))
                    .post("/referrals/" + r + "/reply").then().statusCode(200);
        }
        feedback(c1, case1, Satisfaction.SATISFIED);
        feedback(c1, case2, Satisfaction.UNSATISFIED);
        // r3: never accepted, and the same 120 households come back (a repeat)
        String repeat = recordCase(c2, "housing", "泾水公寓78号、84号、40号楼", RepeatPetitionTest.MONTHLY[1][1]);
        assertThat(referralIdForCase(repeat)).isEqualTo(r3);
        awaitEvent(r1, EventType.REFERRAL_CLOSED);
        awaitEvent(r2, EventType.REFERRAL_REOPENED);
        // r4: accepted, replied 70 days later: late
        try {
            clock.setOffset(Duration.ofDays(70));
            given().auth().oauth2(unit).contentType("application/json").body(Map.of("reply", "迟复"))
                    .post("/referrals/" + r4 + "/reply").then().statusCode(200).body("repliedOnTime", is(false));
        } finally {
            clock.setOffset(Duration.ZERO);
        }

        // 4 referred; 3 accepted in time; 2 of 4 resolved on time; 1 of 2 ratings satisfied; 1 of 4 with repeats
        given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/units/" + unitId).then().statusCode(200)
                .body("referred", is(4)).body("acceptedInTime", is(3)).body("responseRate", is(0.75f))
                .body("repliedOnTime", is(2)).body("onTimeResolutionRate", is(0.5f))
                .body("rated", is(2)).body("satisfactionRate", is(0.5f))
                .body("withRepeats", is(1)).body("repeatRate", is(0.25f))
                .body("overdue.size()", is(1)).body("overdue[0].referralId", is(r4));
        // the unit sees its own record, not another unit's; the district sees it too
        given().auth().oauth2(unit).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/units/" + unitId).then().statusCode(200).body("referred", is(4));
        given().auth().oauth2(unit).get("/reports/units/" + UNIT_HOUSING).then().statusCode(404);
        given().auth().oauth2(DISTRICT).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/units/" + unitId).then().statusCode(200).body("referred", is(4));
        // another sub-district's staff count none of them
        given().auth().oauth2(SUB1).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/units/" + unitId).then().statusCode(200).body("referred", is(0));

        // the ranking of units for the sub-district
        given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/units").then().statusCode(200)
                .body("size()", is(1)).body("[0].unitId", is(unitId)).body("[0].referred", is(4))
                .body("[0].responseRate", is(0.75f)).body("[0].overdue", is(1));
        given().auth().oauth2(unit).get("/reports/units").then().statusCode(403);

        // the work report for the sub-district
        given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/reports/work").then().statusCode(200)
                .body("jurisdiction", is(sub)).body("cases", is(5)).body("repeatCases", is(1))
                .body("casesByLine.housing", is(5))
                .body("casesByCommunity." + c1, is(2)).body("casesByCommunity." + c2, is(3))
                .body("referrals", is(4)).body("referredByRoute.SUBDISTRICT_DEPARTMENT", is(4))
                .body("handledOnTime", is(2)).body("overdue", is(1))
                .body("satisfaction.SATISFIED", is(1)).body("satisfaction.UNSATISFIED", is(1))
                .body("satisfactionRate", is(0.5f)).body("referralsWithRepeats", is(1));
        // outside the caller's jurisdiction: refused
        given().auth().oauth2(SUB1).queryParam("jurisdiction", sub).get("/reports/work").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(unit).get("/reports/work").then().statusCode(403);
    }

    @Test
    void theWorkReportCountsRoutesAcrossADistrict() {
        given().auth().oauth2(DISTRICT).get("/reports/work").then().statusCode(200)
                .body("jurisdiction", is("310104000000"));
        given().auth().oauth2(DISTRICT).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/reports/work").then().statusCode(422).body("errors.field", hasItem("to"));
    }

    /**
     * M1: the period is part of each report's query and the counting is done by SQL aggregates:
     * a case and a referral from last year are neither counted nor loaded for this month.
     */
    @Test
    void reportsFilterThePeriodInTheQueryAndAggregateInSql() {
        String sub = "310104" + (300 + ThreadLocalRandom.current().nextInt(300)) + "000";
        String c1 = sub.substring(0, 9) + "001";
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("name", "测试街道城管办", "tier", "SUBDISTRICT", "lines", "*", "jurisdiction", sub))
                .put("/units/" + unitId).then().statusCode(200);
        String staff = TestTokens.of("subp", "subdistrict-staff", sub);
        String old;
        try {
            clock.setOffset(Duration.ofDays(-400));
            old = referralIdForCase(recordCase(c1, "urban-management", null, randomText(30),
                    clock.instant()));
            given().auth().oauth2(staff).contentType("application/json")
                    .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId))
                    .post("/referrals/" + old + "/route").then().statusCode(200);
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        String current = referralIdForCase(recordCase(c1, "urban-management", null, randomText(30)));
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId))
                .post("/referrals/" + current + "/route").then().statusCode(200);
        LocalDate from = clock.today().withDayOfMonth(1);
        LocalDate to = clock.today();

        java.util.List<String> sql = SqlRecorder.during("(referral(_case)?|referral_overview|case_overview)", () -> {
            given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/reports/work").then().statusCode(200)
                    .body("cases", is(1)).body("referrals", is(1)).body("casesByCommunity." + c1, is(1));
            given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/reports/units/" + unitId).then().statusCode(200).body("referred", is(1));
            given().auth().oauth2(staff).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/reports/units").then().statusCode(200).body("size()", is(1)).body("[0].referred", is(1));
        });
        // the whole history is in the table, but every report query carries the period and aggregates
        java.util.List<String> reportQueries = sql.stream()
                .filter(s -> !s.toLowerCase().startsWith("insert") && !s.toLowerCase().startsWith("update"))
                .toList();
        assertThat(reportQueries).isNotEmpty();
        for (String q : reportQueries) {
            assertThat(q.toLowerCase()).as(q).containsAnyOf("recorded_at >=", "opened_at >=", "referred_at >=", "issued_at >=");
        }
        assertThat(reportQueries.stream().filter(q -> q.toLowerCase().contains("count(")).count())
                .as("aggregated in SQL").isGreaterThanOrEqualTo(3);
        // last year's period still counts last year's referral
        LocalDate lastYear = clock.today().minusDays(400);
        given().auth().oauth2(staff).queryParam("from", lastYear.toString()).queryParam("to", lastYear.toString())
                .get("/reports/work").then().statusCode(200).body("cases", is(1)).body("referrals", is(1));
        // dates outside the sane range: 422 naming the field
        given().auth().oauth2(staff).queryParam("from", "0001-01-01").get("/reports/work").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(staff).queryParam("to", "2999-01-01").get("/reports/units").then().statusCode(422)
                .body("errors.field", hasItem("to"));
    }
}
