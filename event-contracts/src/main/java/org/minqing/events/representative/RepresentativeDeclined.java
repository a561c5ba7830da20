package org.minqing.events.representative;

import java.time.LocalDate;
import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/** A rostered representative asked to be excused (请假). */
public record RepresentativeDeclined(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        String representativeId,
        @Nullable String reason) {
}
