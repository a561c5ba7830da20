package org.minqing.events.referral;

import java.time.LocalDate;

/** The referral was reopened (重新办理), usually after an unsatisfied rating. */
public record ReferralReopened(
        String referralId,
        String caseId,
        String reason,
        LocalDate resolveBy) {
}
