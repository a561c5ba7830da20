package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.minqing.intake.IntakeFixtures.*;


import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.minqing.testing.Pieces;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14: a case lives in the piece that owns its community. The district's piece, with
 * sub-district 310104001 running its own, refuses to record a case of 310104001's communities
 * (409 naming the field and the piece; nothing written, no event) and records the others'.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictPieceIntakeTest {

    @Inject
    EntityManager em;

    @Test
    void aCaseOfADelegatedCommunityIsRefusedAndAnotherIsRecorded() {
        String delegated = unique("委托社区诉求");
        record(staff(DemoRealm.DISTRICT), caseBody(DemoRealm.C11, delegated)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("communityCode"))
                .body("detail", containsString("sd-310104001"));
        assertThat(rowsWithDescription(delegated)).isZero();

        String own = unique("本区社区诉求");
        recordOk(staff(DemoRealm.DISTRICT), caseBody("310104002002", own));
        assertThat(rowsWithDescription(own)).isEqualTo(1);
    }

    /**
     * ADR 0026: the district's piece need not know the communities a sub-district keeps (the demo district
     * enters them there only). A case of such a community is still another piece's (409), not an unknown
     * community (422).
     */
    @Test
    void aCaseOfACommunityOnlyTheSubDistrictKnowsIsThatPiecesNotUnknown() {
        String text = unique("未登记社区诉求");
        record(staff(DemoRealm.DISTRICT), caseBody("310104001099", text)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("jurisdiction-of-another-piece"))
                .body("errors.field", hasItem("communityCode"))
                .body("detail", containsString("sd-310104001"));
        assertThat(rowsWithDescription(text)).isZero();
    }

    /** Issue 14: nor may it add a community to a sub-district that runs its own piece (409 naming code). */
    @Test
    void aCommunityOfADelegatedSubDistrictIsAddedThereNotHere() {
        java.util.Map<String, Object> body = java.util.Map.of("code", "310104001077", "name", "委托街道新社区",
                "keywords", java.util.List.of("委托新社区"), "minLat", 40.2, "maxLat", 40.21, "minLon", 116.2, "maxLon", 116.21);
        as(org.minqing.testing.TestTokens.of("ops", "ops-admin", DemoRealm.DISTRICT))
                .contentType(io.restassured.http.ContentType.JSON).body(body).post("/communities").then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("code"))
                .body("detail", containsString("sd-310104001"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from community_area where community_code = '310104001077'")
                .getSingleResult()).longValue())).isZero();
    }

    private long rowsWithDescription(String description) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from intake_case where description = :d")
                .setParameter("d", description).getSingleResult()).longValue());
    }
}
