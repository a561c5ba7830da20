package org.minqing.events.referral;

import java.time.Instant;

/** The visitor was told the result (告知来访人). */
public record ResidentInformed(
        String referralId,
        String caseId,
        Instant informedAt) {
}
