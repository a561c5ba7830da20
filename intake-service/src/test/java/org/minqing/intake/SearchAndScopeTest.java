package org.minqing.intake;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Staff search within scope (filters, Chinese substring search, keyset pages) and who may write where. */
@QuarkusTest
class SearchAndScopeTest {

    @Test
    void chineseSubstringSearchWithKeysetPagination() {
        String marker = unique("srch");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, recordOk(staff(C11), caseBody(C11, "泾水公寓第" + i + "栋高层遮挡日照 " + marker)));
        }
        String cursor = as(staff(C11)).queryParam("q", "高层遮挡日照 " + marker).queryParam("limit", "2").get("/cases")
                .then().statusCode(200)
                .body("items.id", contains(ids.get(0), ids.get(1)))
                .body("nextCursor", notNullValue())
                .body("items[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("visitors")))
                .extract().path("nextCursor");
        as(staff(C11)).queryParam("q", "高层遮挡日照 " + marker).queryParam("limit", "2").queryParam("cursor", cursor)
                .get("/cases").then().statusCode(200)
                .body("items.id", contains(ids.get(2)))
                .body("nextCursor", nullValue());
        // A substring in the middle of a sentence, Chinese has no word breaks.
        as(staff(C11)).queryParam("q", "栋高层").queryParam("q", marker).get("/cases").then().statusCode(200);
    }

    @Test
    void filtersNarrowTheResults() {
        String marker = unique("filt");
        Map<String, Object> env = caseBody(C11, "油烟扰民 " + marker);
        env.put("lineCode", "environment");
        env.put("channel", "ONLINE");
        String online = recordOk(staff(C11), env);
        recordOk(staff(C11), caseBody(C11, "房屋漏水 " + marker));
        String today = java.time.LocalDate.now(org.minqing.kit.time.AppClock.ZONE).toString();
        as(staff(C11)).queryParam("q", marker).queryParam("line", "environment").get("/cases").then()
                .body("items.id", contains(online));
        as(staff(C11)).queryParam("q", marker).queryParam("channel", "ONLINE").queryParam("status", "RECORDED")
                .queryParam("from", today).queryParam("to", today).queryParam("community", C11).queryParam("repeat", "false")
                .get("/cases").then().body("items.id", contains(online));
        as(staff(C11)).queryParam("q", marker).queryParam("repeat", "true").get("/cases").then().body("items", empty());
        as(staff(C11)).queryParam("q", marker).queryParam("from", "2020-01-01").queryParam("to", "2020-12-31").get("/cases")
                .then().body("items", empty());
    }

    @Test
    void searchStaysWithinTheCallersScope() {
        String marker = unique("scope");
        String id = recordOk(staff(C11), caseBody(C11, "越界查询 " + marker));
        as(staff(C12)).queryParam("q", marker).get("/cases").then().statusCode(200).body("items", empty());
        as(staff(C12)).queryParam("q", marker).queryParam("community", C11).get("/cases").then().statusCode(200).body("items", empty());
        as(staff(SUB1)).queryParam("q", marker).get("/cases").then().body("items.id", contains(id));
        as(staff(DISTRICT)).queryParam("q", marker).get("/cases").then().body("items.id", contains(id));
        as(staff("310104002000")).queryParam("q", marker).get("/cases").then().body("items", empty());
        as(rep()).queryParam("q", marker).get("/cases").then().statusCode(403);
    }

    @Test
    void writesOutsideTheCallersScopeOrChannelAreRefused() {
        record(staff(C12), caseBody(C11, "越权登记 " + unique("scope"))).then().statusCode(403)
                .contentType("application/problem+json");
        Map<String, Object> hotline = caseBody(C11, "联络员热线 " + unique("scope"));
        record(liaison(), hotline).then().statusCode(422).body("errors[0].field", is("channel"));
        Map<String, Object> viaLiaison = caseBody(C11, "联络员收集 " + unique("scope"));
        viaLiaison.put("channel", "LIAISON_OFFICER");
        recordOk(liaison(), viaLiaison);
        Map<String, Object> open311 = caseBody(C11, "冒充Open311 " + unique("scope"));
        open311.put("channel", "OPEN311");
        record(staff(C11), open311).then().statusCode(422).body("errors[0].field", is("channel"));
        record(TestTokens.handlingUnit("unit.housing", UNIT_HOUSING, SUB1), caseBody(C11, "承办单位 " + unique("scope")))
                .then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(caseBody(C11, "匿名")).post("/cases")
                .then().statusCode(401);
        Map<String, Object> visit = caseBody(C11, "代表走访 " + unique("scope"));
        visit.put("channel", "REPRESENTATIVE_VISIT");
        visit.put("visitors", List.of());
        as(rep()).contentType("application/json").body(visit).post("/cases").then().statusCode(201)
                .body("anonymous", is(true)).body("hasContact", is(false))
                .body("receivingRepresentativeIds", contains(REP_NPC));
    }
}
