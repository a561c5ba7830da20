package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "reference data as data": a community and a handling unit added through the APIs are
 * usable at once by intake, referral and notification, with no restart, and the unit's new contact
 * is the one its notices go to. After the seed story and the authorisation matrix (their fixtures
 * are the demo communities), before the faults and the second piece (they restart services).
 */
@Order(9)
class ReferenceDataTest {

    private static final String SUB2 = "310104002000";

    @Test
    void aCommunityAndAUnitAddedThroughTheApiAreUsedAtOnce() {
        E2ePlatform p = Api.platform();
        Map<String, Long> pids = new HashMap<>();
        for (String s : List.of("intake", "referral", "notification")) {
            pids.put(s, p.service(s).pid());
        }

        // 1. ops adds a community of sub-district 2 (the next free code) through intake's API.
        List<String> codes = as("ops").get(url("intake", "/communities")).then().statusCode(200).extract().jsonPath()
                .getList("code", String.class);
        int next = codes.stream().filter(c -> c.startsWith("310104002")).mapToInt(c -> Integer.parseInt(c.substring(9)))
                .max().orElse(0) + 1;
        String community = "310104002" + String.format("%03d", Math.max(next, 501));
        String communityName = "新建试点社区" + community.substring(9);
        as("ops").body(Map.of("code", community, "name", communityName, "keywords", List.of("试点新村" + community.substring(9)),
                "minLat", 31.16, "maxLat", 31.17, "minLon", 121.43, "maxLon", 121.44))
                .post(url("intake", "/communities")).then().log().ifValidationFails().statusCode(201);
        as("sub2.staff").get(url("intake", "/communities")).then().statusCode(200)
                .body("code", org.hamcrest.Matchers.hasItem(community));

        // 2. ops adds a handling unit with a fresh duty mailbox, and a remit rule for the new community.
        String unitId = UUID.randomUUID().toString();
        String unitMail = "unit-" + unitId.substring(0, 8) + "@unit.minqing.local";
        as("ops").body(Map.of("name", "试点社区环境整治工作组 / Pilot community environment team", "tier", "COMMUNITY",
                "lines", "environment", "jurisdiction", community, "contactName", "工作组值班", "contactPhone", "021-55550000",
                "contactEmail", unitMail))
                .put(url("referral", "/units/" + unitId)).then().log().ifValidationFails().statusCode(200);
        as("ops").body(Map.of("lineCode", "environment", "scopeCode", community, "route", "COMMUNITY", "unitId", unitId))
                .put(url("referral", "/routing-rules")).then().log().ifValidationFails().statusCode(200);

        // 3. sub2.staff records a case in the new community: accepted at once.
        Map<String, Object> body = Api.hotlineCase(community, "environment",
                "试点新村垃圾房异味严重，夏季蚊蝇滋生 " + UUID.randomUUID(), Api.freshPhone(), Api.freshIdNumber());
        var recorded = Api.recordCase("sub2.staff", body).then().log().ifValidationFails().statusCode(201)
                .body("communityName", org.hamcrest.Matchers.is(communityName)).extract();
        String caseId = recorded.path("id");

        // 4. referral opens the referral with the new rule's unit suggested; staff route it there.
        Map<String, Object> referral = eventually().until(() -> Api.referralsOfCase("sub2.staff", caseId), l -> l.size() == 1)
                .get(0);
        assertThat(referral.get("communityCode")).isEqualTo(community);
        assertThat(referral.get("suggestedUnitId")).isEqualTo(unitId);
        assertThat(referral.get("suggestedRoute")).isEqualTo("COMMUNITY");
        as("sub2.staff").body(Map.of("route", "COMMUNITY", "unitId", unitId, "difficult", false))
                .post(url("referral", "/referrals/" + referral.get("id") + "/route")).then().log().ifValidationFails()
                .statusCode(200).body("status", org.hamcrest.Matchers.is("REFERRED"));

        // 5. notification mails the referral notice to the unit's new contact (its mailbox came by event).
        eventually().untilAsserted(() -> assertThat(SeedStoryTest.mailsTo(p, unitMail)).isNotEmpty());
        assertThat(Db.count("notification", "select count(*) from mailbox where kind = 'UNIT' and key = any(?) and email = '" + unitMail + "'",
                List.of(unitId))).isEqualTo(1);

        // 6. A deactivated community keeps its case and takes no new one.
        as("ops").body(Map.of("name", communityName, "keywords", List.of("试点新村" + community.substring(9)),
                "minLat", 31.16, "maxLat", 31.17, "minLon", 121.43, "maxLon", 121.44, "active", false))
                .put(url("intake", "/communities/" + community)).then().statusCode(200)
                .body("active", org.hamcrest.Matchers.is(false));
        Api.recordCase("sub2.staff", Api.hotlineCase(community, "environment", "停用后登记 " + UUID.randomUUID(),
                Api.freshPhone(), Api.freshIdNumber())).then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("communityCode"));
        as("sub2.staff").get(url("intake", "/cases/" + caseId)).then().statusCode(200)
                .body("communityName", org.hamcrest.Matchers.is(communityName));

        // No service was restarted for any of it.
        for (String s : pids.keySet()) {
            assertThat(p.service(s).pid()).as(s + " still the same process").isEqualTo(pids.get(s));
        }
    }
}
