package org.minqing.events.intake;

import java.time.Instant;
import java.util.List;
import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A case was registered at intake (接访登记). Deliberately carries no visitor name, phone or ID
 * number, and no receipt code (回执码, the resident's credential: whoever reads a topic could rate
 * the case with it); {@code anonymous} and {@code hasContact} say only whether intake can reach them.
 * {@code households}/{@code persons} are those the issue affects; {@code visitorCount} those who came.
 */
public record CaseRecorded(
        String caseId,
        IntakeChannel channel,
        @JurisdictionCode String communityCode,
        String lineCode,
        @Nullable String address,
        @Nullable Double latitude,
        @Nullable Double longitude,
        String description,
        int households,
        int persons,
        boolean groupPetition,
        Urgency urgency,
        @Nullable String receptionDayId,
        List<String> receivingRepresentativeIds,
        int visitorCount,
        boolean anonymous,
        boolean hasContact,
        Instant recordedAt) {
}
