package org.minqing.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * What every service answers to Kubernetes and to API clients: live, ready with its database, and
 * its OpenAPI document. A service's {@code @QuarkusTest class HealthTest extends ProbesContract}.
 */
public abstract class ProbesContract {

    @Test
    void liveAndReadyWithItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check"));
    }

    @Test
    void openApiIsPublished() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", startsWith("3."));
    }
}
