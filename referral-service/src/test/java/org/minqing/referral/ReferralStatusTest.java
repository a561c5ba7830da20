package org.minqing.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minqing.referral.ReferralStatus.Action;

/** The legal moves of the state machine, in one place. */
class ReferralStatusTest {

    @Test
    void onlyTheQueueCanBeRoutedAndOnlyAReferralAcceptedOrReturned() {
        for (ReferralStatus s : ReferralStatus.values()) {
            assertThat(s.allows(Action.ROUTE)).as("%s route", s)
                    .isEqualTo(s == ReferralStatus.TO_ROUTE || s == ReferralStatus.RETURNED);
            assertThat(s.allows(Action.ACCEPT)).as("%s accept", s).isEqualTo(s == ReferralStatus.REFERRED);
            assertThat(s.allows(Action.RETURN)).as("%s return", s).isEqualTo(s == ReferralStatus.REFERRED);
        }
    }

    @Test
    void theUnitWorksUntilItRepliesAndExtendsOnlyBeforeAnExtension() {
        assertThat(ReferralStatus.ACCEPTED.allowedActions()).containsExactlyInAnyOrder(Action.PROGRESS, Action.EXTEND, Action.REPLY);
        assertThat(ReferralStatus.EXTENDED.allows(Action.EXTEND)).isFalse();
        assertThat(ReferralStatus.EXTENDED.allows(Action.REPLY)).isTrue();
        assertThat(ReferralStatus.REOPENED.allowedActions()).contains(Action.REPLY);
        assertThat(ReferralStatus.REFERRED.allows(Action.REPLY)).as("reply before accepting").isFalse();
    }

    @Test
    void aRepliedReferralIsToldClosedOrReopenedAndAClosedOneOnlyReopened() {
        assertThat(ReferralStatus.REPLIED.allowedActions())
                .containsExactlyInAnyOrder(Action.INFORM_RESIDENT, Action.CLOSE, Action.REOPEN);
        assertThat(ReferralStatus.RESIDENT_INFORMED.allows(Action.INFORM_RESIDENT)).isFalse();
        assertThat(ReferralStatus.CLOSED.allowedActions()).containsExactly(Action.REOPEN);
        assertThat(ReferralStatus.CLOSED.isOpen()).isFalse();
        assertThat(ReferralStatus.TO_ROUTE.allows(Action.CLOSE)).isFalse();
    }
}
