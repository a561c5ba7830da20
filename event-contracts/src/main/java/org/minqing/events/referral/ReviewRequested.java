package org.minqing.events.referral;

/** A second unsatisfied rating sent the case to district review (复查). */
public record ReviewRequested(
        String referralId,
        String caseId,
        String reason) {
}
