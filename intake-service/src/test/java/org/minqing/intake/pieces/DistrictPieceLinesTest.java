package org.minqing.intake.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.intake.LineChanged;
import org.minqing.intake.IntakeFixtures;
import org.minqing.intake.messaging.LineEventsConsumer;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14 (ADR 0021): the district's piece is the source of the lines (条线). Each change goes out
 * once through the outbox, with the district's jurisdiction, the actor and the line's full state; the
 * piece does not apply its own event a second time.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictPieceLinesTest {

    static final String DISTRICT_STAFF = TestTokens.of("dist", "district-staff", DemoRealm.DISTRICT);
    static final String OPS = TestTokens.of("ops", "ops-admin", DemoRealm.DISTRICT);

    @Inject
    EntityManager em;

    @Inject
    LineEventsConsumer consumer;

    private List<String> outbox(String key) {
        return IntakeFixtures.lineEventRows(em, key);
    }

    private long count(String sql, String value) {
        return IntakeFixtures.countOf(em, sql, value);
    }

    @Test
    void aLineChangeIsPublishedOnceWithItsValuesAndNotAppliedAgainHere() {
        String code = "d-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        given().auth().oauth2(DISTRICT_STAFF).contentType("application/json")
                .body(Map.of("code", code, "nameZh", "区级条线", "nameEn", "District line", "description", "区级新增 / added by the district",
                        "sortOrder", 120))
                .post("/lines").then().statusCode(201);

        List<String> rows = outbox(code);
        assertThat(rows).hasSize(1);
        EventEnvelope env = IntakeFixtures.envelopeOf(rows.get(0));
        assertThat(env.type()).isEqualTo("intake.line.changed");
        assertThat(env.aggregateType()).isEqualTo("line");
        assertThat(env.jurisdiction()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(env.actor().subject()).isEqualTo("dist");
        assertThat(env.actor().role()).isEqualTo("district-staff");
        assertThat(env.payloadAs(LineChanged.class)).isEqualTo(
                new LineChanged(code, "区级条线", "District line", "区级新增 / added by the district", 120, true));

        // its own event coming back from the topic: skipped, so neither recorded nor audited twice
        consumer.on(rows.get(0));
        assertThat(count("select count(*) from processed_event where event_id = cast(:v as uuid)", env.eventId().toString()))
                .isZero();
        assertThat(count("select count(*) from reference_change where kind = 'LINE' and ref_key = :v", code)).isEqualTo(1);
        assertThat(outbox(code)).hasSize(1);

        // a deactivation is one more event, with the whole line again
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("nameZh", "区级条线", "nameEn", "District line", "description", "区级新增 / added by the district",
                        "sortOrder", 120, "active", false))
                .put("/lines/" + code).then().statusCode(200);
        rows = outbox(code);
        assertThat(rows).hasSize(2);
        EventEnvelope off = IntakeFixtures.envelopeOf(rows.get(1));
        assertThat(off.actor().role()).isEqualTo("ops-admin");
        assertThat(off.jurisdiction()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(off.payloadAs(LineChanged.class)).isEqualTo(
                new LineChanged(code, "区级条线", "District line", "区级新增 / added by the district", 120, false));
    }
}
