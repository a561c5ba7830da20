package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14: time limits and the working calendar are audited like units and rules (who, when,
 * before/after); district staff and ops edit them, and read the trail through {@code GET /reference-changes}.
 */
@QuarkusTest
class ReferenceAuditTest {

    @Inject
    EntityManager em;

    @Test
    void aDeadlinePolicyChangeLeavesWhoWhenBeforeAndAfter() {
        // A kind of its own (letters only, as the API admits), so a second run on the same database starts clean.
        String kind = "AUDIT_PROBE_" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
        Map<String, Object> first = Map.of("kind", kind, "route", "*", "amount", 5, "unit", "WORKING_DAYS",
                "basis", "审计测试 / audit probe");
        given().auth().oauth2(Fixtures.OPS).contentType("application/json").body(first).put("/deadline-policies")
                .then().statusCode(200);
        // issue 14: the district decides its time limits too, and the audit names its staff
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("kind", kind, "route", "*", "amount", 6, "unit", "WORKING_DAYS", "basis", "审计测试 / audit probe"))
                .put("/deadline-policies").then().statusCode(200);
        // refused writes leave nothing (a sub-district does not set the district's limits)
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json").body(first).put("/deadline-policies")
                .then().statusCode(403);

        List<Object[]> rows = Fixtures.auditRows("DEADLINE_POLICY", kind + "/*");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)[0]).isEqualTo("CREATE");
        assertThat(rows.get(0)[1]).isEqualTo("ops");
        assertThat(rows.get(0)[2]).isNotNull();
        assertThat(rows.get(0)[3]).isNull();
        assertThat(rows.get(0)[4].toString()).contains("\"amount\": 5");
        assertThat(rows.get(1)[0]).isEqualTo("UPDATE");
        assertThat(rows.get(1)[1]).isEqualTo("dist");
        assertThat(rows.get(1)[2]).isEqualTo("district-staff");
        assertThat(rows.get(1)[3].toString()).contains("\"amount\": 5");
        assertThat(rows.get(1)[4].toString()).contains("\"amount\": 6");
    }

    @Test
    void loadingACalendarYearLeavesWhatItReplaced() {
        int earlier = Fixtures.auditRows("CALENDAR_YEAR", "2023").size();
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("days", List.of(Map.of("day", "2023-10-02", "kind", "HOLIDAY", "name", "国庆节"))))
                .put("/calendar/2023").then().statusCode(200);
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("days", List.of(Map.of("day", "2023-10-03", "kind", "HOLIDAY", "name", "国庆节"),
                        Map.of("day", "2023-10-07", "kind", "ADJUSTED_WORKDAY", "name", "国庆节调休上班"))))
                .put("/calendar/2023").then().statusCode(200);

        List<Object[]> rows = Fixtures.auditRows("CALENDAR_YEAR", "2023");
        assertThat(rows).hasSize(earlier + 2);
        rows = rows.subList(earlier, earlier + 2);
        assertThat(rows.get(0)[0]).isEqualTo(earlier == 0 ? "CREATE" : "UPDATE");
        assertThat(rows.get(0)[1]).isEqualTo("ops");
        assertThat(rows.get(0)[4].toString()).contains("2023-10-02");
        assertThat(rows.get(1)[0]).isEqualTo("UPDATE");
        assertThat(rows.get(1)[1]).isEqualTo("dist");
        assertThat(rows.get(1)[2]).isEqualTo("district-staff");
        assertThat(rows.get(1)[3].toString()).contains("2023-10-02").doesNotContain("2023-10-07");
        assertThat(rows.get(1)[4].toString()).contains("2023-10-03").contains("ADJUSTED_WORKDAY").doesNotContain("2023-10-02");
    }

    @Test
    void theTrailIsReadNewestFirstByKindAndKeyInPagesByDistrictStaffAndOpsOnly() {
        String kind = "AUDIT_READ_" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
        for (int amount = 1; amount <= 3; amount++) {
            given().auth().oauth2(amount == 2 ? Fixtures.DISTRICT : Fixtures.OPS).contentType("application/json")
                    .body(Map.of("kind", kind, "route", "*", "amount", amount, "unit", "WORKING_DAYS", "basis", "读取审计 / audit read"))
                    .put("/deadline-policies").then().statusCode(200);
        }

        var page1 = given().auth().oauth2(Fixtures.DISTRICT).queryParam("kind", "DEADLINE_POLICY").queryParam("key", kind + "/*")
                .queryParam("limit", 2).get("/reference-changes").then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("action")).containsExactly("UPDATE", "UPDATE");
        assertThat(page1.getList("actor")).containsExactly("ops", "dist");
        assertThat(page1.getList("actorRole")).containsExactly("ops-admin", "district-staff");
        assertThat(page1.getInt("[0].after.amount")).isEqualTo(3);
        assertThat(page1.getInt("[0].before.amount")).isEqualTo(2);
        assertThat(page1.getString("[0].changedAt")).isNotBlank();
        long last = page1.getLong("[1].id");

        var page2 = given().auth().oauth2(Fixtures.OPS).queryParam("kind", "DEADLINE_POLICY").queryParam("key", kind + "/*")
                .queryParam("before", last).get("/reference-changes").then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("action")).containsExactly("CREATE");
        assertThat(page2.getString("[0].before")).isNull();
        assertThat(page2.getInt("[0].after.amount")).isEqualTo(1);

        // not the sub-district's or a unit's to read; bad filters are named
        given().auth().oauth2(Fixtures.SUB1).get("/reference-changes").then().statusCode(403);
        given().auth().oauth2(Fixtures.HOUSING).get("/reference-changes").then().statusCode(403);
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("kind", "COMMUNITY").get("/reference-changes")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("kind"));
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("limit", 201).get("/reference-changes")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("before", 0).get("/reference-changes")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("before"));
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("key", "x".repeat(101)).get("/reference-changes")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("key"));
    }
}
