package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.Tier;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.Fixtures;
import org.minqing.referral.service.DelegatedReferrals;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14 (ADR 0020): the district's piece sees the delegated sub-district's referrals through the
 * events that piece publishes: once each (a redelivered event changes nothing), on the supervision
 * list, the open work and the reports, within the caller's scope; and a 督办单 on one of them is
 * asked of the owning piece by an event the district's piece does not apply itself.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictReadModelTest {

    static final Actor SUB_STAFF = new Actor("sub1", "subdistrict-staff");
    static final Actor UNIT = new Actor("unit.housing", "handling-unit");

    @Inject
    AppClock clock;

    @Inject
    EntityManager em;

    @Test
    void aDelegatedReferralIsKeptOnceAndShownOnTheDistrictsSupervisionAndReports() {
        String community = PieceCases.community("310104001");
        String referral = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        LocalDate today = clock.today();
        LocalDate from = today.withDayOfMonth(1);

        JsonPath workBefore = work(Fixtures.DISTRICT, "310104001000", from, today);
        JsonPath openBefore = openWork(community);
        // a unit the sub-district's piece added, unknown to the district's: named from the referred event
        String unit = UUID.randomUUID().toString();
        String unitName = "第一街道新设承办单位（测试）";

        EventEnvelope opened = event(EventType.REFERRAL_OPENED, community, referral, caseId, SUB_STAFF,
                new ReferralOpened(referral, caseId, community, "housing", null, null, today.minusDays(40)));
        EventEnvelope referred = event(EventType.REFERRAL_REFERRED, community, referral, caseId, SUB_STAFF,
                new ReferralReferred(referral, caseId, Route.SUBDISTRICT_DEPARTMENT, unit, unitName, null,
                        today.minusDays(5), false));
        EventEnvelope supervised = event(EventType.REFERRAL_SUPERVISION_ISSUED, community, referral, caseId, SUB_STAFF,
                new SupervisionIssued(referral, caseId, "请于三个工作日内答复", today.plusDays(3), "sub1"));
        EventEnvelope escalated = event(EventType.REFERRAL_ESCALATED, community, referral, caseId, Actor.system("referral-service"),
                new ReferralEscalated(referral, caseId, Tier.SUBDISTRICT, Tier.DISTRICT, DemoRealm.DISTRICT, "RESOLVE 超期"));
        // each of the first four delivered twice (a redelivery after a rebalance); the escalation last
        send(referral, opened, opened, referred, referred, supervised, supervised, escalated);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from delegated_referral where id = cast(:id as uuid) and escalated", referral) == 1);

        assertThat(count("select count(*) from delegated_referral where id = cast(:id as uuid)", referral)).isEqualTo(1);
        assertThat(count("select count(*) from delegated_case where referral_id = cast(:id as uuid)", referral)).isEqualTo(1);
        assertThat(count("select count(*) from delegated_supervision where referral_id = cast(:id as uuid)", referral))
                .as("the 督办单 delivered twice is kept once").isEqualTo(1);
        assertThat(count("select priority from delegated_referral where id = cast(:id as uuid)", referral))
                .as("1, +1 for the 督办单 (once), +1 for the escalation").isEqualTo(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where consumer = :c and event_id in (:a, :b, :d, :e)")
                .setParameter("c", DelegatedReferrals.CONSUMER).setParameter("a", opened.eventId())
                .setParameter("b", referred.eventId()).setParameter("d", supervised.eventId())
                .setParameter("e", escalated.eventId()).getSingleResult()).longValue())).isEqualTo(4);
        assertThat(count("select count(*) from referral where id = cast(:id as uuid)", referral))
                .as("not a referral of the district's own").isZero();

        // escalated to the district: on the district's list of what it watches, with its piece
        Map<String, Object> watched = given().auth().oauth2(Fixtures.DISTRICT).queryParam("watchedByMe", true)
                .get("/delegated-referrals").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.referralId == '" + referral + "' }");
        assertThat(watched).containsEntry("pieceId", Pieces.SUB_DISTRICT_PIECE).containsEntry("watchTier", "DISTRICT")
                .containsEntry("escalated", true).containsEntry("status", "REFERRED").containsEntry("caseId", caseId);
        // the sub-district's staff see it in their scope, but it is no longer theirs to watch; a neighbour not at all
        assertThat(delegatedIds(Fixtures.SUB1, false)).contains(referral);
        assertThat(delegatedIds(Fixtures.SUB1, true)).doesNotContain(referral);
        assertThat(delegatedIds(Fixtures.SUB2, false)).doesNotContain(referral);
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("status", "nonsense").get("/delegated-referrals").then()
                .statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("status"));

        // the supervision list: the 督办单, named as the sub-district's piece's
        List<Map<String, Object>> supervisions = given().auth().oauth2(Fixtures.DISTRICT).queryParam("state", "open")
                .get("/supervisions").then().statusCode(200).extract().jsonPath().getList("findAll { it.referralId == '"
                        + referral + "' }");
        assertThat(supervisions).hasSize(1);
        assertThat(supervisions.get(0)).containsEntry("pieceId", Pieces.SUB_DISTRICT_PIECE)
                .containsEntry("communityCode", community).containsEntry("unitName", unitName)
                .containsEntry("replyBy", today.plusDays(3).toString());
        // ... not a neighbouring sub-district's
        assertThat(given().auth().oauth2(Fixtures.SUB2).get("/supervisions").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.referralId == '" + referral + "' }")).isEmpty();

        // open work: one more open, overdue and escalated referral; listed with its piece
        JsonPath open = openWork(community);
        assertThat(open.getInt("open")).isEqualTo(openBefore.getInt("open") + 1);
        assertThat(open.getInt("overdue")).isEqualTo(openBefore.getInt("overdue") + 1);
        assertThat(open.getInt("escalated")).isEqualTo(openBefore.getInt("escalated") + 1);
        assertThat(open.getInt("supervisionsOpen")).isEqualTo(openBefore.getInt("supervisionsOpen") + 1);
        assertThat(n(open, "byWatchTier.DISTRICT")).isEqualTo(n(openBefore, "byWatchTier.DISTRICT") + 1);
        Map<String, Object> item = open.getMap("items.find { it.referralId == '" + referral + "' }");
        assertThat(item).containsEntry("state", "OVERDUE").containsEntry("pieceId", Pieces.SUB_DISTRICT_PIECE)
                .containsEntry("dueDate", today.minusDays(40).toString()).containsEntry("deadlineKind", "ACKNOWLEDGE");

        // the work report and the unit scoreboard count it
        JsonPath workAfter = work(Fixtures.DISTRICT, "310104001000", from, today);
        assertThat(workAfter.getInt("referrals")).isEqualTo(workBefore.getInt("referrals") + 1);
        assertThat(workAfter.getInt("cases")).isEqualTo(workBefore.getInt("cases") + 1);
        assertThat(workAfter.getInt("supervisions")).isEqualTo(workBefore.getInt("supervisions") + 1);
        assertThat(workAfter.getInt("overdue")).isEqualTo(workBefore.getInt("overdue") + 1);
        assertThat(workAfter.getInt("casesByCommunity." + community)).isEqualTo(1);
        Map<String, Object> scored = given().auth().oauth2(Fixtures.DISTRICT).queryParam("from", from.toString())
                .queryParam("to", today.toString()).get("/reports/units").then().statusCode(200).extract().jsonPath()
                .getMap("find { it.unitId == '" + unit + "' }");
        assertThat(scored).containsEntry("unitName", unitName).containsEntry("referred", 1).containsEntry("overdue", 1);
        // a neighbouring sub-district's staff count none of it
        given().auth().oauth2(Fixtures.SUB2).queryParam("jurisdiction", community).get("/reports/work").then()
                .statusCode(403);

        // 督办单 from the district: 202, carried as an event of the referral's community for its piece
        double skippedBefore = PieceCases.skipped(); // before: this piece may skip the request at once
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json").body(Map.of("note", "区人大督办：请加快办理"))
                .post("/delegated-referrals/" + referral + "/supervision").then().statusCode(202)
                .body("pieceId", is(Pieces.SUB_DISTRICT_PIECE)).body("caseId", is(caseId));
        EventEnvelope asked = Fixtures.awaitEvent(referral, EventType.REFERRAL_SUPERVISION_REQUESTED);
        assertThat(asked.jurisdiction()).isEqualTo(community);
        assertThat(asked.payload().get("requestedByJurisdiction").asText()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(asked.payload().get("note").asText()).isEqualTo("区人大督办：请加快办理");
        // the sub-district's next event on the same key: once it is applied, the request before it was seen here
        send(referral, event(EventType.REFERRAL_ACCEPTED, community, referral, caseId, UNIT,
                new ReferralAccepted(referral, caseId, unit, today.plusDays(30))));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from delegated_referral where id = cast(:id as uuid) and status = 'ACCEPTED'", referral) == 1);
        assertThat(count("select count(*) from supervision where referral_id = cast(:id as uuid)", referral))
                .as("the district's piece does not issue it itself").isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = :e").setParameter("e", asked.eventId())
                .getSingleResult()).longValue())).isZero();
        assertThat(PieceCases.skipped() - skippedBefore).as("skipped as another piece's").isEqualTo(1.0);
        assertThat(count("select count(*) from delegated_supervision where referral_id = cast(:id as uuid)", referral))
                .as("no new 督办单 here until the owning piece issues one").isEqualTo(1);

        // only district staff ask; an unknown referral is 404, a bad date 422 naming it
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json").body(Map.of("note", "x"))
                .post("/delegated-referrals/" + referral + "/supervision").then().statusCode(403);
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json").body(Map.of("note", "x"))
                .post("/delegated-referrals/" + UUID.randomUUID() + "/supervision").then().statusCode(404);
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("note", "x", "replyBy", today.minusDays(1).toString()))
                .post("/delegated-referrals/" + referral + "/supervision").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("replyBy"));
    }

    private static JsonPath work(String token, String jurisdiction, LocalDate from, LocalDate to) {
        return given().auth().oauth2(token).queryParam("jurisdiction", jurisdiction).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/reports/work").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath openWork(String jurisdiction) {
        return given().auth().oauth2(Fixtures.DISTRICT).queryParam("jurisdiction", jurisdiction).get("/reports/open-work")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> delegatedIds(String token, boolean watchedByMe) {
        return given().auth().oauth2(token).queryParam("watchedByMe", watchedByMe).get("/delegated-referrals").then()
                .statusCode(200).extract().jsonPath().getList("referralId");
    }

    private static int n(JsonPath p, String path) {
        Integer v = p.get(path);
        return v == null ? 0 : v;
    }

    static EventEnvelope event(EventType type, String community, String referral, String caseId, Actor actor, Object payload) {
        return EventEnvelope.of(type, community, referral, caseId, actor, payload);
    }

    /** As the sub-district's piece publishes them: on the referral topic, keyed by the referral. */
    static void send(String referral, EventEnvelope... events) {
        for (EventEnvelope e : events) {
            Fixtures.send(Topics.REFERRAL.topic(), referral, Fixtures.json(e));
        }
    }

    private long count(String sql, String referral) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter("id", referral)
                .getSingleResult()).longValue());
    }
}
