package org.minqing.kit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Errors leave as bilingual problem+json naming the field; scope is a prefix check on the token's code. */
@QuarkusTest
class ProblemAndScopeTest {

    static final String C11 = TestTokens.of("c11", "community-staff", "310104001001");
    static final String C12 = TestTokens.of("c12", "community-staff", "310104001002");
    static final String SUB1 = TestTokens.of("sub1", "subdistrict-staff", "310104001000");

    @Test
    void validationErrorsNameTheFieldInChineseAndEnglish() {
        given().auth().oauth2(C11).contentType("application/json")
                .body(Map.of("name", "x".repeat(21), "jurisdiction", "31010400100"))
                .post("/widgets/" + UUID.randomUUID())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", startsWith("https://minqing.org/problems/validation"))
                .body("title", containsString("请求数据无效"))
                .body("title", containsString("Invalid request data"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("jurisdiction"))
                .body("errors.find { it.field == 'name' }.messageZh", containsString("20"))
                .body("errors.find { it.field == 'name' }.messageEn", containsString("at most 20"));
    }

    @Test
    void malformedJsonWrongTypesAndWrongContentTypeAreClientErrors() {
        given().auth().oauth2(C11).contentType("application/json").body("{\"name\": ")
                .post("/widgets/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(C11).contentType("application/json").body("{\"name\": {\"a\":1}, \"jurisdiction\": \"310104001001\"}")
                .post("/widgets/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().auth().oauth2(C11).contentType("text/plain").body("hello")
                .post("/widgets/" + UUID.randomUUID())
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(C11).contentType("application/json").body(new byte[] { '{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' })
                .post("/widgets/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unexpectedErrorsLeakNoInternals() {
        given().auth().oauth2(C11).post("/widgets/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", containsString("error id"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unknownPathsAndMissingTokensAreProblems() {
        given().auth().oauth2(C11).get("/no/such/thing").then().statusCode(404);
        given().get("/widgets/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void aCommunityCannotSeeOrWriteItsNeighbour() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(C11).contentType("application/json")
                .body(Map.of("name", "mine", "jurisdiction", "310104001001"))
                .post("/widgets/" + id).then().statusCode(200);
        given().auth().oauth2(C11).get("/widgets/" + id).then().statusCode(200);
        given().auth().oauth2(SUB1).get("/widgets/" + id).then().statusCode(200);
        given().auth().oauth2(C12).get("/widgets/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(C12).contentType("application/json")
                .body(Map.of("name", "theirs", "jurisdiction", "310104001001"))
                .post("/widgets/" + UUID.randomUUID()).then().statusCode(403).contentType("application/problem+json");
    }
}
