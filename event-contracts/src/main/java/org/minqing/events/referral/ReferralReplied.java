package org.minqing.events.referral;

import java.time.Instant;

/** The handling unit gave its formal reply (答复); {@code onTime} against the due date in force. */
public record ReferralReplied(
        String referralId,
        String caseId,
        String unitId,
        String reply,
        Instant repliedAt,
        boolean onTime) {
}
