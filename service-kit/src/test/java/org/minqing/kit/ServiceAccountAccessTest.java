package org.minqing.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.minqing.kit.scope.ServiceAccountFilter;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** M8: the `service` role alone opens nothing; a service account reaches only what is granted to its client (azp). */
@QuarkusTest
class ServiceAccountAccessTest {

    @Test
    void onlyTheGrantedClientReachesTheOperation() {
        given().auth().oauth2(TestTokens.serviceAccount("ops-service", "310104000000")).get("/ops/clock")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.serviceAccount("other-service", "310104000000")).get("/ops/clock")
                .then().statusCode(403).contentType("application/problem+json");
        // Granted GET only.
        given().auth().oauth2(TestTokens.serviceAccount("ops-service", "310104000000")).contentType("application/json")
                .body(Map.of("offsetSeconds", 0)).put("/ops/clock").then().statusCode(403);
        // A service-role token that names no client is refused.
        given().auth().oauth2(TestTokens.token("service-account-x", Set.of("service"), "310104000000", Map.of()))
                .get("/ops/clock").then().statusCode(403);
    }

    @Test
    void usersTokensAreNotAffected() {
        given().auth().oauth2(TestTokens.of("ops", "ops-admin", "310104000000")).get("/ops/clock").then().statusCode(200);
    }

    @Test
    void grantsMatchMethodAndOneSegmentPerStar() {
        List<ServiceAccountFilter.Grant> g = ServiceAccountFilter.parse(List.of("GET /internal/cases/*/contacts", "/a"));
        assertThat(g.get(0).allows("GET", "/internal/cases/42/contacts")).isTrue();
        assertThat(g.get(0).allows("POST", "/internal/cases/42/contacts")).isFalse();
        assertThat(g.get(0).allows("GET", "/internal/cases/42/x/contacts")).isFalse();
        assertThat(g.get(0).allows("GET", "/internal/cases/42/contacts/more")).isFalse();
        assertThat(g.get(1).allows("DELETE", "/a")).isTrue();
    }
}
