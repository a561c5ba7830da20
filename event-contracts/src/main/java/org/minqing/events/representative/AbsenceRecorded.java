package org.minqing.events.representative;

import java.time.LocalDate;
import org.minqing.events.JurisdictionCode;

/** A rostered representative did not come (缺席); it goes into the duty archive. */
public record AbsenceRecorded(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        String representativeId) {
}
