package org.minqing.events.referral;

import org.minqing.events.JurisdictionCode;

/**
 * Supervision moved up a tier (提级督办). The envelope keeps the case's community code;
 * {@code toJurisdiction} is the code of the tier now watching it.
 */
public record ReferralEscalated(
        String referralId,
        String caseId,
        Tier fromTier,
        Tier toTier,
        @JurisdictionCode String toJurisdiction,
        String reason) {
}
