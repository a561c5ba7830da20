package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.DISTRICT;
import static org.minqing.referral.Fixtures.OPS;
import static org.minqing.referral.Fixtures.SUB1;
import static org.minqing.referral.Fixtures.SUB2;
import static org.minqing.referral.Fixtures.freshCommunity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 14: units and remit rules are edited by the tier that decides them. District staff within
 * their district, sub-district staff for their own units and rules only (never a district unit, a
 * neighbour's unit, or a move out of their area), ops-admin everything; community staff, handling
 * units and representatives not at all. Every write is audited with the real actor.
 */
@QuarkusTest
class ReferenceEditorsTest {

    static final String C11_STAFF = TestTokens.of("c11", "community-staff", DemoRealm.C11);
    static final String REP = TestTokens.representative("rep.npc", DemoRealm.REP_NPC, DemoRealm.C11);
    /** A line no other test routes by, so the rules written here suggest nothing elsewhere. */
    static final String LINE = "editors-probe";

    @Inject
    EntityManager em;

    private static Map<String, Object> unit(String tier, String jurisdiction, String email) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "维护权限测试单位", "tier", tier, "lines", "housing",
                "jurisdiction", jurisdiction, "contactName", "值班", "active", true));
        body.put("contactEmail", email);
        return body;
    }

    private static ValidatableResponse putUnit(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).put("/units/" + id).then();
    }

    private static ValidatableResponse putRule(String token, String scopeCode, String unitId) {
        return putRule(token, scopeCode, "COMMUNITY", unitId);
    }

    private static ValidatableResponse putRule(String token, String scopeCode, String route, String unitId) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("lineCode", LINE, "scopeCode", scopeCode, "route", route, "unitId", unitId))
                .put("/routing-rules").then();
    }

    @Test
    void aSubDistrictMaintainsItsOwnUnitsAndTheAuditNamesItsStaff() {
        String community = freshCommunity();
        String id = UUID.randomUUID().toString();
        putUnit(SUB1, id, unit("COMMUNITY", community, "c@unit.example.gov.cn")).statusCode(200)
                .body("jurisdiction", is(community));
        putUnit(SUB1, id, unit("SUBDISTRICT", DemoRealm.SUB1, "s@unit.example.gov.cn")).statusCode(200)
                .body("tier", is("SUBDISTRICT"));
        Map<String, Object> off = unit("SUBDISTRICT", DemoRealm.SUB1, "s@unit.example.gov.cn");
        off.put("active", false);
        putUnit(SUB1, id, off).statusCode(200).body("active", is(false));

        List<Object[]> rows = Fixtures.auditRows("UNIT", id);
        assertThat(rows).extracting(r -> r[0]).containsExactly("CREATE", "UPDATE", "DEACTIVATE");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[1]).isEqualTo("sub1");
            assertThat(r[2]).isEqualTo("subdistrict-staff");
        });
        assertThat(rows.get(1)[3].toString()).contains(community);
        assertThat(rows.get(1)[4].toString()).contains("s@unit.example.gov.cn");
    }

    @Test
    void aSubDistrictIsRefusedBeyondItsOwnUnitsAndNothingIsWritten() {
        String id = UUID.randomUUID().toString();
        // not in its area
        putUnit(SUB1, id, unit("SUBDISTRICT", "310104002000", null)).statusCode(403)
                .contentType("application/problem+json").body("detailEn", containsString("field jurisdiction"))
                .body("detailZh", containsString("jurisdiction"));
        // not a district unit, even one placed in its area
        putUnit(SUB1, id, unit("DISTRICT", DemoRealm.SUB1, null)).statusCode(403)
                .contentType("application/problem+json").body("detailEn", containsString("field tier"));
        given().auth().oauth2(OPS).get("/units/" + id).then().statusCode(404);
        assertThat(Fixtures.auditRows("UNIT", id)).isEmpty();

        // its own unit cannot be moved out of its area
        String own = UUID.randomUUID().toString();
        putUnit(SUB1, own, unit("SUBDISTRICT", DemoRealm.SUB1, null)).statusCode(200);
        putUnit(SUB1, own, unit("SUBDISTRICT", "310104002000", null)).statusCode(403)
                .body("detailEn", containsString("field jurisdiction"));
        given().auth().oauth2(OPS).get("/units/" + own).then().statusCode(200).body("jurisdiction", is(DemoRealm.SUB1));
        assertThat(Fixtures.auditRows("UNIT", own)).hasSize(1);

        // a neighbour's unit and the district's bureau stay as they are, even sent back unchanged
        putUnit(SUB1, DemoRealm.UNIT_SUB2_HOUSING, unit("SUBDISTRICT", "310104002000", null)).statusCode(403)
                .body("detailEn", containsString("field id"));
        putUnit(SUB1, DemoRealm.UNIT_DISTRICT_HOUSING, unit("SUBDISTRICT", DemoRealm.SUB1, null)).statusCode(403)
                .body("detailEn", containsString("field id"));
        given().auth().oauth2(OPS).get("/units/" + DemoRealm.UNIT_DISTRICT_HOUSING).then().statusCode(200)
                .body("tier", is("DISTRICT")).body("jurisdiction", is(DemoRealm.DISTRICT));
        assertThat(Fixtures.auditRows("UNIT", DemoRealm.UNIT_SUB2_HOUSING)).isEmpty();
        assertThat(Fixtures.auditRows("UNIT", DemoRealm.UNIT_DISTRICT_HOUSING)).isEmpty();
    }

    @Test
    void theDistrictMaintainsItsDistrictsUnitsButNotTheCitys() {
        String id = UUID.randomUUID().toString();
        putUnit(DISTRICT, id, unit("DISTRICT", DemoRealm.DISTRICT, "d@unit.example.gov.cn")).statusCode(200);
        putUnit(DISTRICT, id, unit("SUBDISTRICT", "310104002000", "d@unit.example.gov.cn")).statusCode(200)
                .body("jurisdiction", is("310104002000"));
        List<Object[]> rows = Fixtures.auditRows("UNIT", id);
        assertThat(rows).extracting(r -> r[0]).containsExactly("CREATE", "UPDATE");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[1]).isEqualTo("dist");
            assertThat(r[2]).isEqualTo("district-staff");
        });
        // a city unit lies beyond the district: ops-admin keeps it
        putUnit(DISTRICT, DemoRealm.UNIT_CITY, unit("CITY", "310100000000", null)).statusCode(403)
                .body("detailEn", containsString("field id"));
        putUnit(DISTRICT, UUID.randomUUID().toString(), unit("CITY", DemoRealm.DISTRICT, null)).statusCode(403)
                .body("detailEn", containsString("field tier"));
        assertThat(Fixtures.auditRows("UNIT", DemoRealm.UNIT_CITY)).isEmpty();
    }

    @Test
    void remitRulesFollowTheScopeOfTheirCaller() {
        String community = freshCommunity();
        String unitId = UUID.randomUUID().toString();
        putUnit(SUB1, unitId, unit("COMMUNITY", community, null)).statusCode(200);

        putRule(SUB1, community, unitId).statusCode(200);
        putRule(DISTRICT, community, DemoRealm.UNIT_HOUSING).statusCode(200);
        List<Object[]> rows = Fixtures.auditRows("ROUTING_RULE", LINE + "@" + community);
        assertThat(rows).extracting(r -> r[0]).containsExactly("CREATE", "UPDATE");
        assertThat(rows.get(0)[1]).isEqualTo("sub1");
        assertThat(rows.get(0)[2]).isEqualTo("subdistrict-staff");
        assertThat(rows.get(1)[1]).isEqualTo("dist");
        assertThat(rows.get(1)[2]).isEqualTo("district-staff");

        // a neighbour's scope, the district's scope, a neighbour's unit: refused by field, nothing written
        putRule(SUB2, community, unitId).statusCode(403).contentType("application/problem+json")
                .body("detailEn", containsString("field scopeCode"));
        putRule(SUB1, DemoRealm.DISTRICT, unitId).statusCode(403).body("detailEn", containsString("field scopeCode"));
        putRule(SUB1, community, DemoRealm.UNIT_SUB2_HOUSING).statusCode(403)
                .body("detailEn", containsString("field unitId"));
        assertThat(Fixtures.auditRows("ROUTING_RULE", LINE + "@" + community)).hasSize(2);
        assertThat(Fixtures.auditRows("ROUTING_RULE", LINE + "@" + DemoRealm.DISTRICT)).isEmpty();
        // a sub-district may suggest a district bureau (reached through a representative)
        putRule(SUB1, DemoRealm.SUB1, "REPRESENTATIVE_CONTACT", DemoRealm.UNIT_DISTRICT_HOUSING).statusCode(200);
    }

    @Test
    void otherRolesStillMayNotWriteAndPoliciesAndCalendarAreTheDistricts() {
        String id = UUID.randomUUID().toString();
        for (String token : List.of(C11_STAFF, REP, Fixtures.HOUSING)) {
            putUnit(token, id, unit("COMMUNITY", DemoRealm.C11, null)).statusCode(403);
            putRule(token, DemoRealm.C11, DemoRealm.UNIT_HOUSING).statusCode(403);
        }
        assertThat(Fixtures.auditRows("UNIT", id)).isEmpty();
        // the district's time limits and calendar: not a sub-district's
        Map<String, Object> policy = Map.of("kind", "RETURN", "route", "*", "amount", 5, "unit", "WORKING_DAYS",
                "basis", "退回时限 5 个工作日");
        given().auth().oauth2(SUB1).contentType("application/json").body(policy).put("/deadline-policies").then()
                .statusCode(403);
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("days", List.of()))
                .put("/calendar/2022").then().statusCode(403);
    }

}
