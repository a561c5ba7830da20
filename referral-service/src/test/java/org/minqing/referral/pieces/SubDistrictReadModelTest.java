package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.SupervisionRequested;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.Fixtures;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14 (ADR 0020), sub-district 310104001's piece: it keeps no read model (the district's
 * referral events are not its to watch), and it issues the 督办单 the district asks for on a
 * referral it holds, once, telling the unit through supervision-issued as for its own.
 */
@QuarkusTest
@TestProfile(Pieces.SubDistrictPiece.class)
class SubDistrictReadModelTest {

    static final Actor DISTRICT_STAFF = new Actor("dist", "district-staff");

    @Inject
    AppClock clock;

    @Inject
    EntityManager em;

    @Test
    void theDistrictsRequestIsIssuedHereOnceAndNoReadModelIsKept() {
        // a referral of its own community (the case arrives as intake publishes it)
        EventEnvelope recorded = PieceCases.caseRecorded(PieceCases.community("310104001"));
        PieceCases.sendInOrder(recorded);
        String referral = Fixtures.referralIdForCase(recorded.aggregateId());
        String community = recorded.jurisdiction();

        // the district's own referral events (another piece's jurisdiction) are not kept here
        String districts = UUID.randomUUID().toString();
        String other = PieceCases.community("310104002");
        EventEnvelope districtsOpened = DistrictReadModelTest.event(EventType.REFERRAL_OPENED, other, districts,
                UUID.randomUUID().toString(), DISTRICT_STAFF, new ReferralOpened(districts, UUID.randomUUID().toString(),
                        other, "housing", null, null, clock.today().plusDays(3)));

        // the district asks twice for the same 督办单 (one event, delivered twice), then once more
        EventEnvelope asked = request(community, referral, recorded.aggregateId(), "区人大督办：请于期限内答复");
        EventEnvelope again = request(community, referral, recorded.aggregateId(), "区人大再次督办");
        // all on one key: handled in this order, so the district's event has been seen when the last is applied
        DistrictReadModelTest.send(referral, districtsOpened, asked, asked, again);
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisions(referral).size() == 2);

        List<Map<String, Object>> issued = supervisions(referral);
        assertThat(issued).extracting(m -> m.get("note")).containsExactly("区人大督办：请于期限内答复", "区人大再次督办");
        assertThat(issued.get(0)).containsEntry("issuedBy", "dist");
        // told to the unit as every 督办单 is: supervision-issued, by this piece, of the referral's community
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.countEvents(referral, EventType.REFERRAL_SUPERVISION_ISSUED) == 2);
        assertThat(Fixtures.awaitEvent(referral, EventType.REFERRAL_SUPERVISION_ISSUED).jurisdiction()).isEqualTo(community);

        assertThat(count("select count(*) from delegated_referral where id = cast('" + districts + "' as uuid)"))
                .as("no read model in a sub-district's piece").isZero();
        assertThat(count("select count(*) from processed_event where event_id = cast('" + districtsOpened.eventId()
                + "' as uuid)")).isZero();
        assertThat(count("select count(*) from delegated_referral where id = cast('" + referral + "' as uuid)")).isZero();
    }

    private static EventEnvelope request(String community, String referral, String caseId, String note) {
        return DistrictReadModelTest.event(EventType.REFERRAL_SUPERVISION_REQUESTED, community, referral, caseId,
                DISTRICT_STAFF, new SupervisionRequested(referral, caseId, note, null, "dist", DemoRealm.DISTRICT));
    }

    private static List<Map<String, Object>> supervisions(String referral) {
        return given().auth().oauth2(Fixtures.SUB1).get("/referrals/" + referral + "/supervisions").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
