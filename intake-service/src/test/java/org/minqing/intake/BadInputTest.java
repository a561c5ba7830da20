package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input gets a problem+json naming the field, and nothing is written. */
@QuarkusTest
class BadInputTest {

    private void assertBad(Consumer<Map<String, Object>> change, int status, String field) {
        String marker = unique("bad");
        Map<String, Object> body = caseBody(C11, "坏输入 " + marker);
        change.accept(body);
        if (body.get("description") instanceof String d && !d.contains(marker)) {
            body.put("description", marker + d);
        }
        record(staff(C11), body).then().statusCode(status).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        long written = QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker + "%"));
        assertThat(written).isZero();
    }

    @Test
    void missingLine() {
        assertBad(b -> b.remove("lineCode"), 400, "lineCode");
    }

    @Test
    void unknownLine() {
        assertBad(b -> b.put("lineCode", "astrology"), 400, "lineCode");
    }

    @Test
    void unknownCommunity() {
        assertBad(b -> b.put("communityCode", "310104001999"), 400, "communityCode");
        assertBad(b -> b.put("communityCode", "31010400"), 400, "communityCode");
    }

    @Test
    void descriptionTooLong() {
        assertBad(b -> b.put("description", "长".repeat(4001)), 400, "description");
    }

    @Test
    void malformedPhone() {
        assertBad(b -> b.put("visitors", List.of(Map.of("name", "张三", "phone", "12812341234"))), 400, "visitors[0].phone");
    }

    @Test
    void eachOffendingFieldIsNamedOnce() {
        Map<String, Object> body = caseBody(C11, "多处错误 " + unique("bad"));
        body.put("visitors", List.of(Map.of("phone", "123"), Map.of("idNumber", "110105194912310021")));
        record(staff(C11), body).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("visitors[0].phone", "visitors[1].idNumber"));
    }

    @Test
    void idNumberWithAWrongCheckDigit() {
        assertBad(b -> b.put("visitors", List.of(Map.of("idNumber", "110105194912310021"))), 400, "visitors[0].idNumber");
    }

    /** H3: a well-formed date outside its range is 422 naming the field; a malformed one stays 400. */
    @Test
    void receivedInTheFutureOrLongAgo() {
        assertBad(b -> b.put("receivedOn", java.time.LocalDate.now().plusDays(3).toString()), 422, "receivedOn");
        assertBad(b -> b.put("receivedOn", java.time.LocalDate.now().minusDays(90).toString()), 422, "receivedOn");
        assertBad(b -> b.put("receivedOn", "0001-01-01"), 422, "receivedOn");
        assertBad(b -> b.put("receivedOn", "+999999999-12-31"), 422, "receivedOn");
        assertBad(b -> b.put("receivedOn", "2026-13-45"), 400, "receivedOn");
    }

    /** H3: every number of a case is bounded: 422 naming the field. */
    @Test
    void numbersOutsideTheirBounds() {
        assertBad(b -> b.put("households", 0), 422, "households");
        assertBad(b -> b.put("households", 100_001), 422, "households");
        assertBad(b -> b.put("households", Integer.MAX_VALUE), 422, "households");
        assertBad(b -> b.put("persons", 0), 422, "persons");
        assertBad(b -> b.put("persons", 1_000_001), 422, "persons");
        assertBad(b -> b.put("latitude", 90.000001), 422, "latitude");
        assertBad(b -> b.put("longitude", -180.5), 422, "longitude");
        // Not a number at all: malformed (400).
        assertBad(b -> b.put("persons", "很多"), 400, "persons");
        // Beyond an int: the JSON reader refuses it as a malformed body (400; the kit's reader names no field there).
        String marker = unique("bad");
        Map<String, Object> body = caseBody(C11, "溢出 " + marker);
        body.put("households", 99_999_999_999L);
        record(staff(C11), body).then().statusCode(400).contentType("application/problem+json");
        assertThat(QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker + "%"))).isZero();
    }

    @Test
    void unknownChannelValue() {
        assertBad(b -> b.put("channel", "CARRIER_PIGEON"), 400, "channel");
    }

    @Test
    void wrongContentType() {
        String marker = unique("bad");
        as(staff(C11)).contentType("text/plain").body("description=" + marker).post("/cases").then().statusCode(415)
                .contentType("application/problem+json");
        long written = QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker + "%"));
        assertThat(written).isZero();
    }

    @Test
    void searchParametersAreChecked() {
        as(staff(C11)).queryParam("from", "2026-05-01").queryParam("to", "2026-04-01").get("/cases").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        as(staff(C11)).queryParam("from", "yesterday").get("/cases").then().statusCode(400).body("errors.field", hasItem("from"));
        as(staff(C11)).queryParam("status", "LOST").queryParam("line", "x").queryParam("limit", "1000")
                .queryParam("cursor", "@@@").get("/cases").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("status", "line", "limit", "cursor"));
        as(staff(C11)).get("/cases/not-a-uuid").then().statusCode(404).body("status", is(404));
    }

    /** H3: the search's dates and page size are bounded: 422 naming the field. */
    @Test
    void searchBoundsAreChecked() {
        as(staff(C11)).queryParam("from", "1999-12-31").get("/cases").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        as(staff(C11)).queryParam("to", "+999999999-12-31").get("/cases").then().statusCode(422)
                .body("errors.field", hasItem("to"));
        as(staff(C11)).queryParam("to", java.time.LocalDate.now().plusYears(2).toString()).get("/cases").then().statusCode(422)
                .body("errors.field", hasItem("to"));
        as(staff(C11)).queryParam("limit", "0").get("/cases").then().statusCode(422).body("errors.field", hasItem("limit"));
        as(staff(C11)).queryParam("limit", "101").get("/cases").then().statusCode(422).body("errors.field", hasItem("limit"));
        as(staff(C11)).queryParam("limit", "99999999999").get("/cases").then().statusCode(400).body("errors.field", hasItem("limit"));
        as(staff(C11)).queryParam("from", "2000-01-01").queryParam("limit", "100").get("/cases").then().statusCode(200);
    }
}
