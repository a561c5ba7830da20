package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Open311 GeoReport v2: discovery, services, partner submissions and queries, with the spec's names and errors. */
@QuarkusTest
class Open311Test {

    static final String ISO_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00";

    @Test
    void discoveryAndServicesComeFromTheLineCatalogue() {
        RestAssured.get("/open311/v2/discovery.json").then().statusCode(200)
                .body("endpoints[0].specification", is("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].formats", hasItems("application/json"));
        RestAssured.get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItems("housing", "urban-management", "environment", "social-security", "transport",
                        "education", "health", "public-safety", "planning", "other"))
                .body("find { it.service_code == 'housing' }.service_name", is("住房保障 / Housing"))
                .body("find { it.service_code == 'housing' }.metadata", is(false))
                .body("find { it.service_code == 'housing' }.type", is("realtime"));
        RestAssured.get("/open311/v2/services/environment.json").then().statusCode(200)
                .body("service_code", is("environment"));
        RestAssured.get("/open311/v2/services/nope.json").then().statusCode(404)
                .contentType("application/json").body("[0].code", is(404));
    }

    @Test
    void aFormSubmissionLandsInTheCommunityWhoseAreaHoldsThePointAndCanBeQueried() {
        String marker = unique("o311");
        String id = as(partner()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("service_code", "environment")
                .formParam("lat", "31.185").formParam("long", "121.445")
                .formParam("description", "夜间施工噪声 " + marker)
                .formParam("first_name", "小明").formParam("last_name", "李").formParam("phone", PHONE)
                .post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", matchesPattern("[0-9a-f-]{36}"))
                .body("[0].account_id", nullValue())
                .extract().path("[0].service_request_id");
        IntakeCase c = QuarkusTransaction.requiringNew().call(() -> IntakeCase.findById(UUID.fromString(id)));
        assertThat(c.communityCode).isEqualTo(C12);
        assertThat(c.channel).isEqualTo("OPEN311");
        assertThat(c.hasContact).isTrue();

        String referralId = UUID.randomUUID().toString();
        LocalDate due = LocalDate.now().plusDays(30);
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_ACCEPTED, C12, referralId, new ReferralAccepted(referralId, id, UNIT_HOUSING, due));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                as(partner()).get("/open311/v2/requests/" + id + ".json").path("[0].expected_datetime") != null);

        as(partner()).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].service_request_id", is(id))
                .body("[0].status", is("open"))
                .body("[0].service_code", is("environment"))
                .body("[0].description", is("夜间施工噪声 " + marker))
                .body("[0].requested_datetime", matchesPattern(ISO_OFFSET))
                .body("[0].updated_datetime", matchesPattern(ISO_OFFSET))
                .body("[0].expected_datetime", is(due + "T23:59:59+08:00"))
                .body("[0].lat", is(31.185f))
                .body("[0].long", is(121.445f))
                .body("[0]", org.hamcrest.Matchers.hasKey("address"))
                .body("[0]", org.hamcrest.Matchers.hasKey("media_url"));
        // No personal data leaves through Open311.
        assertThat(as(partner()).get("/open311/v2/requests/" + id + ".json").asString()).doesNotContain(PHONE).doesNotContain("小明");

        String start = OffsetDateTime.now().minusDays(1).toString();
        String end = OffsetDateTime.now().plusDays(1).toString();
        as(partner()).queryParam("service_code", "environment").queryParam("start_date", start).queryParam("end_date", end)
                .queryParam("status", "open")
                .get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItems(id));
        as(partner()).queryParam("service_request_id", id + "," + UUID.randomUUID()).get("/open311/v2/requests.json").then()
                .statusCode(200).body("size()", is(1)).body("[0].service_request_id", is(id));

        send(Topics.REFERRAL.topic(), EventType.REFERRAL_CLOSED, C12, referralId, new ReferralClosed(referralId, id, "已整改", null));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                "closed".equals(as(partner()).get("/open311/v2/requests/" + id + ".json").path("[0].status")));
        as(partner()).queryParam("service_request_id", id).queryParam("status", "open").get("/open311/v2/requests.json").then()
                .body("[0].status", is("closed"));
        as(partner()).queryParam("status", "closed").queryParam("service_code", "environment").get("/open311/v2/requests.json")
                .then().statusCode(200).body("service_request_id", hasItems(id));
    }

    @Test
    void aJsonSubmissionWithOnlyAnAddressIsPlacedByItsPlaceName() {
        String id = as(partner()).contentType("application/json")
                .body(Map.of("service_code", "transport", "address_string", "田林路100号门口",
                        "description", "人行道破损 " + unique("o311")))
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        IntakeCase c = QuarkusTransaction.requiringNew().call(() -> IntakeCase.findById(UUID.fromString(id)));
        assertThat(c.communityCode).isEqualTo("310104002002");
        assertThat(c.hasContact).isFalse();
        assertThat(c.anonymous).isTrue();
    }

    @Test
    void badSubmissionsGetTheSpecsErrorListAndNothingIsWritten() {
        String marker = unique("o311bad");
        // Outside every community.
        as(partner()).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("service_code", "housing")
                .formParam("lat", "39.9").formParam("long", "116.4").formParam("description", "北京 " + marker)
                .post("/open311/v2/requests.json").then().statusCode(400).contentType("application/json")
                .body("[0].code", is(400)).body("[0].description", org.hamcrest.Matchers.startsWith("lat:"));
        // Unknown service, missing location.
        as(partner()).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("service_code", "nope")
                .formParam("description", "无位置 " + marker)
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.containsString("service_code"))
                .body("[0].description", org.hamcrest.Matchers.containsString("lat"));
        // Description too long.
        as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435, "description", marker + "长".repeat(4000)))
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.startsWith("description:"));
        // Malformed phone.
        as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435, "description", marker, "phone", "12345"))
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.startsWith("phone:"));
        // Wrong content type.
        as(partner()).contentType("text/plain").body("service_code=housing")
                .post("/open311/v2/requests.json").then().statusCode(415).body("[0].code", is(415));
        // Not a partner.
        as(rep()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435, "description", marker))
                .post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", is(403));
        long written = QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker + "%"));
        assertThat(written).isZero();
    }

    /**
     * M2: a partner reads only the requests it submitted itself: not cases recorded through other
     * channels in its district, nor another partner's requests; those ids are unknown to it (404).
     */
    @Test
    void aPartnerReadsOnlyItsOwnRequests() {
        String marker = unique("m2");
        String own = as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435, "description", "本伙伴提交 " + marker))
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        String hotline = recordOk(staff(C11), caseBody(C11, "热线来电，不属于伙伴 " + marker));
        String otherPartner = org.minqing.testing.TestTokens.of("service-account-other-partner", "open311-partner", DISTRICT);
        String theirs = as(otherPartner).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435, "description", "另一伙伴提交 " + marker))
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");

        as(partner()).get("/open311/v2/requests/" + own + ".json").then().statusCode(200).body("[0].service_request_id", is(own));
        for (String foreign : java.util.List.of(hotline, theirs)) {
            as(partner()).get("/open311/v2/requests/" + foreign + ".json").then().statusCode(404).body("[0].code", is(404));
        }
        as(partner()).queryParam("service_request_id", own + "," + hotline + "," + theirs).get("/open311/v2/requests.json")
                .then().statusCode(200).body("service_request_id", org.hamcrest.Matchers.contains(own));
        java.util.List<String> listed = as(partner()).get("/open311/v2/requests.json").then().statusCode(200)
                .extract().jsonPath().getList("service_request_id");
        assertThat(listed).contains(own).doesNotContain(hotline, theirs);
        assertThat(as(partner()).get("/open311/v2/requests.json").asString()).doesNotContain("热线来电").doesNotContain("另一伙伴");
        // Staff in scope still read every request of their area.
        as(staff(C11)).queryParam("service_request_id", own + "," + hotline + "," + theirs).get("/open311/v2/requests.json")
                .then().statusCode(200).body("size()", is(3));
    }

    /** H3: query dates, coordinates and the id list are bounded: 422 naming the field, never a 500. */
    @Test
    void numbersAndDatesAreBounded() {
        as(partner()).queryParam("start_date", "+999999999-12-31T00:00:00Z").get("/open311/v2/requests.json").then()
                .statusCode(422).contentType("application/json").body("[0].code", is(422))
                .body("[0].description", org.hamcrest.Matchers.startsWith("start_date:"));
        as(partner()).queryParam("end_date", "1970-01-01T00:00:00Z").get("/open311/v2/requests.json").then()
                .statusCode(422).body("[0].description", org.hamcrest.Matchers.startsWith("end_date:"));
        as(partner()).queryParam("service_request_id", String.join(",", java.util.Collections.nCopies(101, UUID.randomUUID().toString())))
                .get("/open311/v2/requests.json").then().statusCode(422)
                .body("[0].description", org.hamcrest.Matchers.startsWith("service_request_id:"));
        String marker = unique("o311h3");
        as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 91, "long", 121.435, "description", marker))
                .post("/open311/v2/requests.json").then().statusCode(422).body("[0].description", org.hamcrest.Matchers.startsWith("lat:"));
        as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", 31.185, "long", "Infinity", "description", marker))
                .post("/open311/v2/requests.json").then().statusCode(422).body("[0].description", org.hamcrest.Matchers.startsWith("long:"));
        as(partner()).contentType("application/json")
                .body(Map.of("service_code", "housing", "lat", "NaN", "long", 121.435, "description", marker))
                .post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", org.hamcrest.Matchers.startsWith("lat:"));
        long written = QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker + "%"));
        assertThat(written).isZero();
    }

    @Test
    void queryDatesMustBeAtMost90DaysApart() {
        as(partner()).queryParam("start_date", "2026-01-01T00:00:00+08:00").queryParam("end_date", "2026-06-01T00:00:00+08:00")
                .get("/open311/v2/requests.json").then().statusCode(400).contentType("application/json")
                .body("[0].code", is(400)).body("[0].description", org.hamcrest.Matchers.startsWith("end_date:"));
        as(partner()).queryParam("start_date", "yesterday").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.startsWith("start_date:"));
        as(partner()).queryParam("status", "pending").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", org.hamcrest.Matchers.startsWith("status:"));
    }
}
