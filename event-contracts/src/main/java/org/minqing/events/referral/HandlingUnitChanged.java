package org.minqing.events.referral;

import java.util.List;
import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A handling unit (承办单位) was added, changed or deactivated in referral-service; the full new
 * state, so the last event is the whole truth. The contact is the office's (a duty mailbox, an
 * office mobile), not a person's, and travels in plain (ADR 0019). {@code userSubject} is
 * the account name the unit signs in with (ADR 0009); its inbox. {@code active=false}: no new
 * work or notices, its history stays.
 */
public record HandlingUnitChanged(
        String unitId,
        String name,
        UnitTier tier,
        List<String> lines,
        @JurisdictionCode String jurisdiction,
        boolean active,
        @Nullable String contactName,
        @Nullable String contactEmail,
        @Nullable String contactPhone,
        @Nullable String userSubject) {
}
