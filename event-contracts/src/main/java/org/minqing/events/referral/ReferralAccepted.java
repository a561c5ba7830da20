package org.minqing.events.referral;

import java.time.LocalDate;

/** The handling unit accepted the referral (受理); the resolve clock starts. */
public record ReferralAccepted(
        String referralId,
        String caseId,
        String unitId,
        LocalDate resolveBy) {
}
