package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.C11;
import static org.minqing.e2e.Api.UNIT_CITY;
import static org.minqing.e2e.Api.UNIT_HOUSING;
import static org.minqing.e2e.Api.eventually;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Endpoints × roles × inside/outside the caller's jurisdiction, against the table kept in
 * src/test/resources/authz-matrix.csv. Real Keycloak users, real services.
 */
@Order(5)
class AuthorizationMatrixTest {

    record Row(int line, String service, String method, String path, String user, String role, String scope, String expect) {
        @Override
        public String toString() {
            return "line " + line + ": " + method + " " + service + path + " as " + user + " (" + role + ", " + scope + ") expect "
                    + expect;
        }
    }

    static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("/authz-matrix.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].trim();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith("service,")) {
                    continue;
                }
                String[] f = l.split(",");
                rows.add(new Row(i + 1, f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
            }
        }
        return rows;
    }

    @Test
    void everyRowOfTheMatrixHolds() throws IOException {
        E2ePlatform p = Api.platform();
        List<Row> rows = matrix();
        assertThat(rows).hasSizeGreaterThan(50);
        assertThat(rows.stream().map(Row::role).distinct()).containsExactlyInAnyOrder("district-staff", "subdistrict-staff",
                "community-staff", "representative", "liaison-officer", "handling-unit", "ops-admin");

        // The fixture: a case in 310104001001, referred to unit.housing.
        Map<String, Object> body = Api.hotlineCase(C11, "housing", "楼道堆物占用消防通道 " + UUID.randomUUID(), Api.freshPhone(),
                Api.freshIdNumber());
        Response recorded = Api.recordCase("c11.staff", body).then().statusCode(201).extract().response();
        String caseId = recorded.path("id");
        String code = recorded.path("receiptCode");
        String referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                .get(0).get("id").toString();
        Api.as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                .post(Api.url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200);

        List<String> broken = new ArrayList<>();
        for (Row r : rows) {
            String path = r.path().replace("{case}", caseId).replace("{referral}", referralId).replace("{code}", code)
                    .replace("{unit}", UNIT_HOUSING).replace("{otherUnit}", UNIT_CITY);
            Response res = given().auth().oauth2(Sso.user(r.user())).contentType(ContentType.JSON)
                    .accept(r.path().endsWith("/receipt") ? "text/html" : "application/json")
                    .body(bodyFor(r.path()))
                    .request(r.method(), p.url(r.service()) + path);
            int s = res.statusCode();
            String text = res.asString();
            boolean ok = switch (r.expect()) {
                case "allow" -> s >= 200 && s < 300;
                case "visible" -> s >= 200 && s < 300 && (text.contains(caseId) || text.contains(referralId));
                case "hidden" -> s >= 200 && s < 300 && !text.contains(caseId) && !text.contains(referralId);
                case "deny" -> s == 401 || s == 403 || s == 404;
                default -> throw new IllegalArgumentException(r.toString());
            };
            if (!ok) {
                broken.add(r + " but got " + s + " " + text.substring(0, Math.min(160, text.length())));
            }
        }
        assertThat(broken).as("rows of authz-matrix.csv that do not hold").isEmpty();
    }

    /** A well-formed body, so that a refusal comes from authorisation, not from validation. */
    private static Object bodyFor(String path) {
        if (path.equals("/cases")) {
            return Api.hotlineCase(C11, "housing", "越权登记尝试 " + UUID.randomUUID(), Api.freshPhone(), Api.freshIdNumber());
        }
        if (path.endsWith("/route")) {
            return Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false);
        }
        if (path.endsWith("/reply")) {
            return Map.of("reply", "越权答复");
        }
        if (path.endsWith("/close")) {
            return Map.of("outcome", "越权办结");
        }
        if (path.endsWith("/supervision") || path.endsWith("/accept")) {
            return Map.of("note", "越权操作");
        }
        if (path.equals("/representatives")) {
            return Map.of("name", "越权登记", "kind", "CPPCC_MEMBER", "termStart", "2022-01-01", "termEnd", "2027-12-31",
                    "constituencyCode", C11, "phone", Api.freshPhone());
        }
        if (path.equals("/reception-days")) {
            return Map.of("communityCode", C11, "date", java.time.LocalDate.now().plusDays(20).toString(), "startTime", "09:00",
                    "endTime", "10:00", "place", "越权排期", "representativeIds", List.of(Api.REP_CPPCC));
        }
        return Map.of();
    }

}
