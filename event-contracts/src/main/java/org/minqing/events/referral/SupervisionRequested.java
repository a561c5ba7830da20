package org.minqing.events.referral;

import java.time.LocalDate;

import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * Issue 14: a higher tier (the district's piece) asks the piece holding the referral to issue a
 * supervision notice (督办单) to its unit. The envelope carries the referral's community, so only
 * the owning piece applies it (as a local 督办单, which then publishes {@link SupervisionIssued});
 * {@code replyBy} null = the SUPERVISION policy's date; {@code requestedBy} is a staff subject.
 */
public record SupervisionRequested(
        String referralId,
        String caseId,
        String note,
        @Nullable LocalDate replyBy,
        String requestedBy,
        @JurisdictionCode String requestedByJurisdiction) {
}
