package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * H1 with real Keycloak tokens: the receipt code (回执码) is the resident's credential. The handling
 * unit being assessed on the case (unit.housing), a representative (rep.npc) and a liaison officer
 * (liaison.c11) of the same community cannot read it from any intake answer, nor reissue it, so
 * none of them can rate the case in the resident's name.
 */
@Order(6)
class ReceiptCodeConfidentialityTest {

    @Test
    void unitsRepresentativesAndLiaisonOfficersNeverSeeTheCode() {
        Map<String, Object> body = Api.hotlineCase(C11, "housing", "楼顶渗水，多次报修未果 " + UUID.randomUUID(), Api.freshPhone(),
                Api.freshIdNumber());
        Response recorded = Api.recordCase("c11.staff", body).then().statusCode(201).extract().response();
        String caseId = recorded.path("id");
        String code = recorded.path("receiptCode");
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        String referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                .get(0).get("id").toString();
        Api.as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                .post(Api.url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200);
        // Intake learns the assignment: the unit now reads the case itself (masked), which is when it could have taken the code.
        eventually().untilAsserted(() -> Api.as("unit.housing").get(Api.url("intake", "/cases/" + caseId)).then().statusCode(200));

        List<String> leaks = new ArrayList<>();
        for (String user : List.of("unit.housing", "rep.npc", "liaison.c11")) {
            List<Response> answers = new ArrayList<>();
            answers.add(Api.as(user).get(Api.url("intake", "/cases/" + caseId)));
            answers.add(Api.as(user).queryParam("limit", 100).get(Api.url("intake", "/cases")));
            answers.add(Api.as(user).get(Api.url("intake", "/cases/" + caseId + "/access-log")));
            answers.add(Api.as(user).get(Api.url("intake", "/open311/v2/requests.json")));
            answers.add(Api.as(user).get(Api.url("intake", "/open311/v2/requests/" + caseId + ".json")));
            answers.add(Api.as(user).get(Api.url("intake", "/internal/cases/" + caseId + "/contacts")));
            Response reissue = Api.as(user).body("{}").post(Api.url("intake", "/cases/" + caseId + "/receipt"));
            assertThat(reissue.statusCode()).as(user + " reissues the code").isEqualTo(403);
            answers.add(reissue);
            for (Response a : answers) {
                String text = a.asString();
                if (text.contains(code) || text.contains(code.replace("-", "")) || text.contains("receiptCode")) {
                    leaks.add(user + ": " + text.substring(0, Math.min(200, text.length())));
                }
            }
        }
        assertThat(leaks).as("intake answers carrying the receipt code").isEmpty();
        // Representatives and liaison officers read the case too (masked), just not the code.
        Api.as("rep.npc").get(Api.url("intake", "/cases/" + caseId)).then().statusCode(200);
        Api.as("liaison.c11").get(Api.url("intake", "/cases/" + caseId)).then().statusCode(200);

        // Nobody reissued it: the resident's code still works, and is the only way to rate.
        Api.publicStatus(code).then().statusCode(200).body("status", org.hamcrest.Matchers.is("REFERRED"));
        given().contentType(ContentType.JSON).body(Map.of("receiptCode", code, "rating", "SATISFIED"))
                .post(Api.url("intake", "/public/cases/feedback")).then().statusCode(409);
    }
}
