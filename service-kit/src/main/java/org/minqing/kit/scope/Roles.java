package org.minqing.kit.scope;

/** Realm roles of the {@code minqing} realm, as they appear in {@code realm_access.roles}. */
public final class Roles {
    public static final String DISTRICT_STAFF = "district-staff";
    public static final String SUBDISTRICT_STAFF = "subdistrict-staff";
    public static final String COMMUNITY_STAFF = "community-staff";
    public static final String REPRESENTATIVE = "representative";
    public static final String LIAISON_OFFICER = "liaison-officer";
    public static final String HANDLING_UNIT = "handling-unit";
    public static final String OPS_ADMIN = "ops-admin";
    /** Service accounts of the other services (client-credentials tokens). */
    public static final String SERVICE = "service";
    public static final String OPEN311_PARTNER = "open311-partner";

    private Roles() {
    }
}
