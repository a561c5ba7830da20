package org.minqing.events.referral;

import java.time.LocalDate;

/** The resolve deadline was extended with approval (延期), at most once by 30 days. */
public record ReferralExtended(
        String referralId,
        String caseId,
        int days,
        String reason,
        LocalDate resolveBy) {
}
