package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Base64;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every service is up from its packaged build and accepts real Keycloak tokens, and only those. */
@Order(1)
class PlatformSmokeTest {

    @Test
    void everyServiceIsReadyAndProtectedByRealKeycloak() {
        E2ePlatform p = E2ePlatform.get();
        String ops = Sso.user("ops");
        String claims = new String(Base64.getUrlDecoder().decode(ops.split("\\.")[1]));
        assertThat(claims).contains("\"jurisdiction\":\"310104000000\"").contains("ops-admin");
        for (String svc : E2ePlatform.SERVICES) {
            given().get(p.url(svc) + "/q/health/ready").then().statusCode(200).body("status", is("UP"));
            given().auth().oauth2(ops).get(p.url(svc) + "/ops/clock").then().statusCode(200);
            given().get(p.url(svc) + "/ops/clock").then().statusCode(401);
            given().auth().oauth2(Sso.user("c11.staff")).get(p.url(svc) + "/ops/clock").then().statusCode(403);
        }
        // M8: a service account reaches only what its own client is granted; nobody is granted the clock.
        given().auth().oauth2(Sso.client("referral-service")).get(p.url("intake") + "/ops/clock").then().statusCode(403);
    }
}
