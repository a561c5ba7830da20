package org.minqing.events.referral;

import java.time.LocalDate;

/** A supervision notice (督办通知) was issued to the handling unit; issuedBy is a staff subject. */
public record SupervisionIssued(
        String referralId,
        String caseId,
        String note,
        LocalDate respondBy,
        String issuedBy) {
}
