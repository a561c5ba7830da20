package org.minqing.events.representative;

import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/** A community liaison officer (人大联络员) was registered; contact details are for notices. */
public record LiaisonOfficerRegistered(
        String liaisonOfficerId,
        String name,
        @JurisdictionCode String communityCode,
        @Nullable String userSubject,
        @Nullable String email,
        @Nullable String mobile) {
}
