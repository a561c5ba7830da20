package org.minqing.referral.pieces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.referral.pieces.PieceCases.*;


import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.referral.Fixtures;

import org.minqing.testing.Pieces;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 14: sub-district 310104001's piece handles the cases of its communities, skips the rest of
 * the district's (and, not being the root, those no piece owns), and consumes with its own groups.
 */
@QuarkusTest
@TestProfile(Pieces.SubDistrictPiece.class)
class SubDistrictPieceTest {

    @Test
    void itHandlesItsCommunitysCaseAndSkipsTheDistrictsAndNobodys() {
        EventEnvelope districts = caseRecorded(community("310104002"));
        EventEnvelope nobodys = caseRecorded("320102001001");
        EventEnvelope mine = caseRecorded(community("310104001"));
        double skippedBefore = skipped();

        sendInOrder(districts, nobodys, mine);
        // the last is handled, so the two before it (same partition) have been seen
        String referral = Fixtures.referralIdForCase(mine.aggregateId());
        assertThat(referral).isNotBlank();
        assertThat(rowsLeftBy(mine)).isGreaterThanOrEqualTo(3);

        assertThat(referralsOfCase(districts.aggregateId())).isZero();
        assertThat(rowsLeftBy(districts)).isZero();
        assertThat(rowsLeftBy(nobodys)).isZero();
        // skipped, not failed (the root piece dead-letters nobody's events); more when the new groups replayed history
        assertThat(skipped() - skippedBefore).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void itConsumesWithItsOwnGroups() {
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.cases.group.id", String.class))
                .isEqualTo("referral-service-sd-310104001");
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.representatives.group.id", String.class))
                .isEqualTo("referral-service-sd-310104001");
    }
}
