package org.minqing.events.referral;

/** An administrative tier of the platform (层级), for escalation. */
public enum Tier {
    COMMUNITY,
    SUBDISTRICT,
    DISTRICT
}
