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

    private long rowsWithDescription(String description) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from intake_case where description = :d")
                .setParameter("d", description).getSingleResult()).longValue());
    }
}
