package org.minqing.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minqing.kit.time.AppClock;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * H3: every number on the notification API is bounded; a value outside its range, or not a
 * number at all, is a 422 problem+json naming the field — never a 404, a 500 or an unbounded query;
 * a malformed flag or id is a 400 naming the field.
 */
@QuarkusTest
class RequestBoundsTest {

    static final String OPS = TestTokens.of("ops1", "ops-admin", "310104000000");
    static final String STAFF = TestTokens.of("sub1", "subdistrict-staff", "310104001000");

    @Inject
    AppClock clock;

    @Test
    void inboxLimitsOutsideTheirRangeAre422NamingTheField() {
        for (String limit : List.of("0", "-1", "201", "2147483648", "99999999999999999999", "1e3", "ten")) {
            given().auth().oauth2(STAFF).queryParam("limit", limit).get("/inbox")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", startsWith("https://minqing.org/problems/"))
                    .body("errors.field", hasItem("limit"));
        }
        given().auth().oauth2(STAFF).queryParam("limit", "200").get("/inbox").then().statusCode(200);
        // not a number: a malformed flag is a 400 naming it
        given().auth().oauth2(STAFF).queryParam("unread", "sometimes").get("/inbox")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("unread"));
    }

    @Test
    void noticeListLimitsOutsideTheirRangeAre422NamingTheField() {
        for (String limit : List.of("0", "-5", "501", "4294967296", "many")) {
            given().auth().oauth2(OPS).queryParam("limit", limit).get("/notices")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("limit"));
        }
        given().auth().oauth2(OPS).queryParam("limit", "500").get("/notices").then().statusCode(200);
        given().auth().oauth2(OPS).queryParam("sourceEventId", "not-a-uuid").get("/notices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sourceEventId"));
    }

    @Test
    void aClockOffsetBeyondTenYearsIs422AndLeavesTheClockAlone() {
        java.time.Duration before = clock.offset();
        for (long offset : new long[] { 3661L * 86_400, -3661L * 86_400, Long.MAX_VALUE, Long.MIN_VALUE }) {
            given().auth().oauth2(OPS).contentType("application/json").body(Map.of("offsetSeconds", offset))
                    .put("/ops/clock")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("offsetSeconds"));
        }
        org.assertj.core.api.Assertions.assertThat(clock.offset()).isEqualTo(before);
    }
}
