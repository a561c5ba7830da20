package org.minqing.events.representative;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.minqing.events.JurisdictionCode;

/** A reception day (民情接访日) was scheduled for a community, with its roster. */
public record ReceptionDayScheduled(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        LocalTime startTime,
        LocalTime endTime,
        String place,
        List<RosterEntry> roster) {
}
