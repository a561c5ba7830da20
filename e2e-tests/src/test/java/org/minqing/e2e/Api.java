package org.minqing.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Small helpers over the services' public APIs, with tokens from the real Keycloak. */
final class Api {

    private Api() {
    }

    static E2ePlatform platform() {
        return E2ePlatform.get();
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Sso.user(user)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String url(String service, String path) {
        return platform().url(service) + path;
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions();
    }

    /** A fresh, valid-looking mainland mobile number (never one used before in this run). */
    static String freshPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A valid 18-character resident ID number (GB 11643 check digit), unique per call. */
    static String freshIdNumber() {
        String body = "310104" + "1980" + String.format("%02d", 1 + ThreadLocalRandom.current().nextInt(12))
                + String.format("%02d", 1 + ThreadLocalRandom.current().nextInt(28))
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        int[] w = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A HOTLINE case recorded by c11.staff; returns the response (201 expected). */
    static Response recordCase(String user, Map<String, Object> body) {
        return as(user).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(url("intake", "/cases"));
    }

    static Map<String, Object> hotlineCase(String community, String line, String description, String phone, String idNumber) {
        return new java.util.HashMap<>(Map.of("channel", "HOTLINE", "communityCode", community, "lineCode", line,
                "address", "示范路" + ThreadLocalRandom.current().nextInt(1, 999) + "号",
                "description", description, "households", 1, "persons", 1,
                "visitors", List.of(Map.of("name", "测试居民", "phone", phone, "idNumber", idNumber))));
    }

    /** The resident's public status look-up: the receipt code goes in the body, never in a URL. */
    static Response publicStatus(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("receiptCode", code)).post(url("intake", "/public/cases/status"));
    }

    /** The referrals of a case as sub-district staff see them. */
    static List<Map<String, Object>> referralsOfCase(String staff, String caseId) {
        return as(staff).queryParam("caseId", caseId).get(url("referral", "/referrals")).then().statusCode(200)
                .extract().jsonPath().getList("$");
    }
}
