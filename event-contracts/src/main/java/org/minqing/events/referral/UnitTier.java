package org.minqing.events.referral;

/** The tier of a handling unit (承办单位层级); CITY lies beyond the platform's district. */
public enum UnitTier {
    COMMUNITY,
    SUBDISTRICT,
    DISTRICT,
    CITY
}
