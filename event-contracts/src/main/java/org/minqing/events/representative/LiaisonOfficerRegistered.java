package org.minqing.events.representative;

import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A community liaison officer (人大联络员) was registered; contact details are for notices and
 * travel only sealed ({@link org.minqing.events.SealedContact}, fields {@code email} / {@code mobile}).
 */
public record LiaisonOfficerRegistered(
        String liaisonOfficerId,
        String name,
        @JurisdictionCode String communityCode,
        @Nullable String userSubject,
        @Nullable String emailSealed,
        @Nullable String mobileSealed) {
}
