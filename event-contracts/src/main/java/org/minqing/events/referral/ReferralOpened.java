package org.minqing.events.referral;

import java.time.LocalDate;
import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A referral (转办) was opened for a recorded case, with the route and unit the remit rules
 * suggest (null when they found none and staff must choose).
 */
public record ReferralOpened(
        String referralId,
        String caseId,
        @JurisdictionCode String communityCode,
        String lineCode,
        @Nullable Route suggestedRoute,
        @Nullable String suggestedUnitId,
        LocalDate acknowledgeBy) {
}
