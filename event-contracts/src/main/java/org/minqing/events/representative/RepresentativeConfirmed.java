package org.minqing.events.representative;

import java.time.LocalDate;
import org.minqing.events.JurisdictionCode;

/** A rostered representative confirmed attendance (确认参加接访). */
public record RepresentativeConfirmed(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        String representativeId) {
}
