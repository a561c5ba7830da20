package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.url;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.REP_CPPCC;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.REP_PARTY;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** What the browser suites set up through the APIs before a screen is driven. */
final class BrowserSeed {

    private BrowserSeed() {
    }

    /** The three representatives of the seed, as sub-district staff register them (once per platform). */
    static void registerRepresentatives() {
        String[][] reps = { { REP_NPC, "黄建华", "NPC_DEPUTY" }, { REP_PARTY, "周慧", "PARTY_DELEGATE" },
                { REP_CPPCC, "吴国平", "CPPCC_MEMBER" } };
        for (String[] r : reps) {
            if (as("sub1.staff").get(url("representative", "/representatives/" + r[0])).statusCode() == 200) {
                continue;
            }
            Map<String, Object> body = new HashMap<>(Map.of("id", r[0], "name", r[1], "kind", r[2],
                    "termStart", "2022-01-01", "termEnd", "2027-12-31", "constituencyCode", C11,
                    "liaisonStation", "泾水社区代表联络站", "phone", Api.freshPhone(),
                    "email", "rep-" + UUID.randomUUID().toString().substring(0, 8) + "@minqing.local"));
            if ("NPC_DEPUTY".equals(r[2])) {
                body.put("level", "DISTRICT");
            }
            as("sub1.staff").body(body).post(url("representative", "/representatives")).then().statusCode(201);
        }
    }

    /** Moves referral-service's clock (the deadline watch's "today") by {@code offsetSeconds}; 0 puts it back. */
    static void setReferralClock(long offsetSeconds) {
        given().auth().oauth2(Sso.user("ops")).contentType(ContentType.JSON).body(Map.of("offsetSeconds", offsetSeconds))
                .put(url("referral", "/ops/clock")).then().statusCode(200);
    }
}
