package org.minqing.testing;

/**
 * Ids of the demo district (示范区) that the realm (infra/keycloak) and the services' demo data
 * share, for every test suite: division codes, the seeded representatives and handling units.
 */
public final class DemoRealm {

    /** 示范区, the district. */
    public static final String DISTRICT = "310104000000";
    /** 示范区第一街道. */
    public static final String SUB1 = "310104001000";
    /** 第一街道 一社区. */
    public static final String C11 = "310104001001";
    /** 第一街道 二社区. */
    public static final String C12 = "310104001002";
    /** 第二街道 一社区. */
    public static final String C21 = "310104002001";

    /** 黄建华, district people's congress deputy (区人大代表), account {@code rep.npc}. */
    public static final String REP_NPC = "3b1f6c2e-1a01-4c6e-9a01-000000000001";
    /** 周慧, party congress delegate (党代表). */
    public static final String REP_PARTY = "3b1f6c2e-1a01-4c6e-9a01-000000000002";
    /** 吴国平, CPPCC member (政协委员). */
    public static final String REP_CPPCC = "3b1f6c2e-1a01-4c6e-9a01-000000000003";

    /** 第一街道房屋管理办公室 (sub-district 1 housing office), account {@code unit.housing}. */
    public static final String UNIT_HOUSING = "8d2e4f10-2b02-4d7a-8b02-000000000001";
    /** 市规划和自然资源局 (city planning bureau), account {@code unit.city}. */
    public static final String UNIT_CITY = "8d2e4f10-2b02-4d7a-8b02-000000000002";
    /** 第二街道房屋管理办公室 (sub-district 2 housing office). */
    public static final String UNIT_SUB2_HOUSING = "8d2e4f10-2b02-4d7a-8b02-000000000211";
    /** 区房屋管理局 (district housing bureau). */
    public static final String UNIT_DISTRICT_HOUSING = "8d2e4f10-2b02-4d7a-8b02-000000000301";
    /** 区建设和交通委员会 (district construction and transport commission). */
    public static final String UNIT_DISTRICT_TRANSPORT = "8d2e4f10-2b02-4d7a-8b02-000000000302";

    private DemoRealm() {
    }
}
