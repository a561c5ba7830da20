package org.minqing.events.referral;

/** The handling unit sent the referral back as outside its remit (退回). */
public record ReferralReturned(
        String referralId,
        String caseId,
        String unitId,
        String reason) {
}
