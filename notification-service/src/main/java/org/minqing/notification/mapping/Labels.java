package org.minqing.notification.mapping;

import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.Tier;

/** Chinese labels for enum values shown in notices. */
public final class Labels {

    private Labels() {
    }

    public static String deadline(DeadlineKind kind) {
        return switch (kind) {
            case ACKNOWLEDGE -> "受理告知时限";
            case RESOLVE -> "办理时限";
            case ANSWER_SUGGESTION -> "代表建议答复时限";
            case RETURN -> "退回时限";
            case SUPERVISION -> "督办回复时限";
        };
    }

    public static String route(Route route) {
        return switch (route) {
            case COMMUNITY -> "社区直接办理";
            case SUBDISTRICT_DEPARTMENT -> "街道职能部门办理";
            case REPRESENTATIVE_CONTACT -> "代表直接联系";
            case INTER_SESSION_SUGGESTION -> "闭会期间代表意见建议";
            case SESSION_SUGGESTION -> "人代会建议";
        };
    }

    public static String tier(Tier tier) {
        return switch (tier) {
            case COMMUNITY -> "社区";
            case SUBDISTRICT -> "街道";
            case DISTRICT -> "区";
        };
    }
}
