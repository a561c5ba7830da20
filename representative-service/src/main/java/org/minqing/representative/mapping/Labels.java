package org.minqing.representative.mapping;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;

/** Chinese labels staff read in spreadsheets, calendars and the workbook. */
public final class Labels {

    private Labels() {
    }

    public static String kind(RepresentativeKind kind, RepresentativeLevel level) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case NPC_DEPUTY -> level == RepresentativeLevel.CITY ? "市人大代表"
                    : level == RepresentativeLevel.DISTRICT ? "区人大代表" : "人大代表";
            case PARTY_DELEGATE -> "党代表";
            case CPPCC_MEMBER -> "政协委员";
        };
    }

    public static String kindShort(RepresentativeKind kind) {
        return switch (kind) {
            case NPC_DEPUTY -> "人大代表";
            case PARTY_DELEGATE -> "党代表";
            case CPPCC_MEMBER -> "政协委员";
        };
    }

    public static String kindEn(RepresentativeKind kind) {
        return switch (kind) {
            case NPC_DEPUTY -> "people's congress deputy";
            case PARTY_DELEGATE -> "party congress delegate";
            case CPPCC_MEMBER -> "CPPCC member";
        };
    }
}
