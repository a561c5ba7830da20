package org.minqing.events.referral;

/** The handling unit reported interim progress (办理进展). */
public record ProgressRecorded(
        String referralId,
        String caseId,
        String unitId,
        String note) {
}
