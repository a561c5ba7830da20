package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.minqing.testing.DemoRealm.C11;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.kit.time.AppClock;

import org.minqing.testing.Pieces;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Issue 14: a reception day lives in the piece that owns its community. The district's piece, with
 * sub-district 310104001 running its own, refuses a day in 310104001's communities (409 naming the
 * field and the piece) and schedules one elsewhere; registering a deputy (directory data, taken by
 * every piece) is not restricted.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictPieceReceptionDayTest {

    @Inject
    AppClock clock;

    private UUID register(String name, String constituency) {
        return UUID.fromString(given().auth().oauth2(Fixtures.DISTRICT_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.representative(name, "NPC_DEPUTY", constituency))
                .post("/representatives").then().statusCode(201).extract().path("id"));
    }

    @Test
    void aDayInADelegatedCommunityIsRefusedAndOneElsewhereIsScheduled() {
        LocalDate date = clock.today().plusDays(ThreadLocalRandom.current().nextInt(300, 700));
        UUID delegatedRep = register("归属甲", C11);
        UUID ownRep = register("归属乙", "310104002002");

        given().auth().oauth2(Fixtures.DISTRICT_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, date, "09:00", "11:00", List.of(delegatedRep)))
                .post("/reception-days").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("communityCode")).body("detail", containsString("sd-310104001"));

        Fixtures.schedule(Fixtures.DISTRICT_STAFF, Fixtures.day("310104002002", date, "09:00", "11:00", List.of(ownRep)));
    }
}
