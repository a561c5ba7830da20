package org.minqing.events.referral;

import org.minqing.events.Nullable;
import org.minqing.events.intake.Satisfaction;

/** The referral was closed (办结); satisfaction is null when the visitor gave no rating. */
public record ReferralClosed(
        String referralId,
        String caseId,
        String outcome,
        @Nullable Satisfaction satisfaction) {
}
