package org.minqing.kit.scope;

import java.util.regex.Pattern;

/**
 * The 12-digit statistical division code (统计用区划代码): 2 province, 2 city, 2 district,
 * 3 sub-district, 3 community. Scope checks are prefix checks: a unit sees every code that starts
 * with the significant digits of its own.
 */
public final class Jurisdiction {

    /** Tiers from the top; the platform itself runs from district down. */
    public enum Tier {
        PROVINCE(2), CITY(4), DISTRICT(6), SUBDISTRICT(9), COMMUNITY(12);

        private final int significantDigits;

        Tier(int significantDigits) {
            this.significantDigits = significantDigits;
        }

        public int significantDigits() {
            return significantDigits;
        }
    }

    public static final Pattern CODE = Pattern.compile("^\\d{12}$");

    private Jurisdiction() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches() && !code.startsWith("00");
    }

    public static Tier tierOf(String code) {
        requireValid(code);
        if (code.endsWith("0000000000")) {
            return Tier.PROVINCE;
        }
        if (code.endsWith("00000000")) {
            return Tier.CITY;
        }
        if (code.endsWith("000000")) {
            return Tier.DISTRICT;
        }
        if (code.endsWith("000")) {
            return Tier.SUBDISTRICT;
        }
        return Tier.COMMUNITY;
    }

    /** The significant digits of a code: what every code inside it starts with. */
    public static String prefix(String code) {
        return code.substring(0, tierOf(code).significantDigits());
    }

    /**
     * The lowest code within {@code scope} (its significant digits padded with 0). With
     * {@link #highest}, a scope filter is a range predicate ({@code code between lowest and highest})
     * that a btree index serves under any collation, unlike {@code LIKE 'prefix%'}. Exact because
     * every code is 12 digits.
     */
    public static String lowest(String scope) {
        String p = prefix(scope);
        return p + "0".repeat(12 - p.length());
    }

    /** The highest code within {@code scope} (its significant digits padded with 9). */
    public static String highest(String scope) {
        String p = prefix(scope);
        return p + "9".repeat(12 - p.length());
    }

    /** Whether {@code code} lies within (or is) {@code scope}. */
    public static boolean contains(String scope, String code) {
        return isValid(scope) && isValid(code) && code.startsWith(prefix(scope));
    }

    /** The code of the enclosing unit one tier up (community → sub-district → district → city). */
    public static String parent(String code) {
        Tier tier = tierOf(code);
        return switch (tier) {
            case COMMUNITY -> code.substring(0, 9) + "000";
            case SUBDISTRICT -> code.substring(0, 6) + "000000";
            case DISTRICT -> code.substring(0, 4) + "00000000";
            case CITY -> code.substring(0, 2) + "0000000000";
            case PROVINCE -> code;
        };
    }

    /** The enclosing code at the given tier, e.g. the sub-district of a community. */
    public static String at(String code, Tier tier) {
        requireValid(code);
        String head = code.substring(0, tier.significantDigits());
        return head + "0".repeat(12 - head.length());
    }

    private static void requireValid(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a 12-digit division code: " + code);
        }
    }
}
