package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14: communities as data. One added through the API takes a case at once (no restart);
 * bad input is named; writes outside the caller's jurisdiction are forbidden; a deactivated one
 * keeps its cases and refuses new ones; every write leaves an audit row with before and after.
 */
@QuarkusTest
class CommunityApiTest {

    static final String OPS = TestTokens.of("ops", "ops-admin", DISTRICT);
    static final JsonRoot COMMUNITIES = new JsonRoot("/communities");
    static final String SUB2 = "310104002000";

    @Inject
    EntityManager em;

    /** A community code not used yet in the sub-district (the demo's are 001..002; new ones from 501). */
    String freshCode(String subDistrictPrefix) {
        String max = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select max(community_code) from community_area where community_code like :p")
                .setParameter("p", subDistrictPrefix + "%").getSingleResult());
        int next = max == null ? 501 : Math.max(501, Integer.parseInt(max.substring(9)) + 1);
        return subDistrictPrefix + next;
    }

    /** A body whose box lies far from the demo communities and whose keyword is unique (Open311 look-ups). */
    static Map<String, Object> body(String code, String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("code", code);
        b.put("name", name);
        b.put("keywords", List.of(unique("新建"), unique("新路")));
        b.put("minLat", 40.10);
        b.put("maxLat", 40.11);
        b.put("minLon", 116.30);
        b.put("maxLon", 116.31);
        return b;
    }

    @Test
    void aCommunityAddedThroughTheApiTakesACaseAtOnce() {
        String code = freshCode("310104002");
        String name = unique("新华社区");
        // Unknown before: a case there is refused.
        record(staff(DISTRICT), caseBody(code, unique("新社区诉求"))).then().statusCode(400)
                .body("errors.field", hasItem("communityCode"));

        COMMUNITIES.post(OPS, body(code, name)).then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/communities/" + code))
                .body("code", is(code)).body("name", is(name)).body("active", is(true));

        String caseId = recordOk(staff(DISTRICT), caseBody(code, unique("新社区诉求")));
        as(staff(DISTRICT)).get("/cases/" + caseId).then().statusCode(200).body("communityName", is(name));

        // Scoped lists: sub-district 2 and the district see it, community 1-1 does not.
        as(staff(SUB2)).get("/communities").then().statusCode(200).body("code", hasItem(code));
        as(staff(DISTRICT)).get("/communities").then().statusCode(200).body("code", hasItem(code)).body("code", hasItem(C11));
        as(staff(C11)).get("/communities").then().statusCode(200).body("code", not(hasItem(code))).body("code", is(List.of(C11)));
        as(staff(C11)).get("/communities/" + code).then().statusCode(404);

        Object[] audit = auditRows(code).get(0);
        assertThat(audit[0]).isEqualTo("CREATE");
        assertThat(audit[1]).isEqualTo("ops");
        assertThat(audit[2]).isEqualTo("ops-admin");
        assertThat(audit[3]).isNull();
        assertThat(audit[4].toString()).contains(name).contains("\"active\": true");

        COMMUNITIES.post(OPS, body(code, name)).then().statusCode(409).body("errors.field", hasItem("code"));
        COMMUNITIES.put(OPS, "310104002499", body(null, name)).then().statusCode(404);
    }

    @Test
    void badInputIsNamedAndNothingIsWritten() {
        assertBad(b -> b.put("code", "31010400200"), 400, "code");
        assertBad(b -> b.put("code", SUB2), 400, "code"); // a sub-district's code, not a community's
        assertBad(b -> b.remove("code"), 400, "code");
        assertBad(b -> b.put("name", " "), 400, "name");
        assertBad(b -> b.put("name", "长".repeat(101)), 400, "name");
        assertBad(b -> b.put("keywords", List.of()), 400, "keywords");
        assertBad(b -> b.put("keywords", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "词" + i).toList()), 400,
                "keywords");
        assertBad(b -> b.put("keywords", List.of("甲,乙")), 400, "keywords[0]");
        assertBad(b -> b.put("keywords", List.of("甲", "甲")), 400, "keywords");
        assertBad(b -> b.put("maxLat", 40.0), 400, "maxLat");
        assertBad(b -> b.put("maxLon", 116.30), 400, "maxLon");
        assertBad(b -> b.remove("minLon"), 400, "minLon");
        // H3: a well-formed number outside its bound is a 422 naming it.
        assertBad(b -> b.put("minLat", -91.0), 422, "minLat");
        assertBad(b -> b.put("maxLon", 1e300), 422, "maxLon");
    }

    private void assertBad(Consumer<Map<String, Object>> change, int status, String field) {
        String code = freshCode("310104002");
        Map<String, Object> b = body(code, unique("坏社区"));
        change.accept(b);
        COMMUNITIES.post(OPS, b).then().statusCode(status).contentType("application/problem+json").body("errors.field", hasItem(field))
                .body("errors[0].messageZh", org.hamcrest.Matchers.notNullValue())
                .body("errors[0].messageEn", org.hamcrest.Matchers.notNullValue());
        assertThat(count("select count(*) from community_area where name_zh = :v", (String) b.get("name"))).isZero();
    }

    @Test
    void writesOutsideTheCallersJurisdictionAreForbidden() {
        String sub2Code = freshCode("310104002");
        // sub-district 1's staff: not in sub-district 2 (403), nor community staff anywhere (403, role).
        COMMUNITIES.post(staff(SUB1), body(sub2Code, unique("越权社区"))).then().statusCode(403).contentType("application/problem+json");
        COMMUNITIES.post(staff(C11), body(sub2Code, unique("越权社区"))).then().statusCode(403);
        COMMUNITIES.put(staff(SUB1), C21, body(C21, "越权改名")).then().statusCode(403);
        assertThat(count("select count(*) from community_area where community_code = :v", sub2Code)).isZero();
        assertThat(count("select count(*) from community_area where name_zh = :v", "越权改名")).isZero();

        // ... but its own communities it may add and change.
        String own = freshCode("310104001");
        COMMUNITIES.post(staff(SUB1), body(own, unique("街道自建社区"))).then().statusCode(201);
        COMMUNITIES.put(staff(SUB1), own, body(null, "街道改名社区")).then().statusCode(200).body("name", is("街道改名社区"));
    }

    @Test
    void aDeactivatedCommunityKeepsItsCasesAndRefusesNewOnes() {
        String code = freshCode("310104002");
        String name = unique("将停用社区");
        COMMUNITIES.post(staff(DISTRICT), body(code, name)).then().statusCode(201);
        String caseId = recordOk(staff(DISTRICT), caseBody(code, unique("停用前诉求")));

        Map<String, Object> off = body(null, name);
        off.put("active", false);
        COMMUNITIES.put(staff(DISTRICT), code, off).then().statusCode(200).body("active", is(false));

        record(staff(DISTRICT), caseBody(code, unique("停用后诉求"))).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("communityCode"));
        as(staff(DISTRICT)).get("/cases/" + caseId).then().statusCode(200).body("communityCode", is(code))
                .body("communityName", is(name));
        as(staff(DISTRICT)).get("/communities/" + code).then().statusCode(200).body("active", is(false));

        List<Object[]> audit = auditRows(code);
        assertThat(audit).hasSize(2);
        Object[] last = audit.get(1);
        assertThat(last[0]).isEqualTo("DEACTIVATE");
        assertThat(last[1]).isEqualTo("staff-" + DISTRICT);
        assertThat(last[3].toString()).contains("\"active\": true");
        assertThat(last[4].toString()).contains("\"active\": false");

        // Reactivated: it takes cases again.
        off.put("active", true);
        COMMUNITIES.put(staff(DISTRICT), code, off).then().statusCode(200).body("active", is(true));
        recordOk(staff(DISTRICT), caseBody(code, unique("恢复后诉求")));
        assertThat(auditRows(code).get(2)[0]).isEqualTo("REACTIVATE");
    }

    private List<Object[]> auditRows(String code) {
        return referenceChanges(em, "COMMUNITY", code);
    }

    private long count(String sql, String value) {
        return countOf(em, sql, value);
    }
}
