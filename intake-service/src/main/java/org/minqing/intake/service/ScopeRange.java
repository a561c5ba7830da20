package org.minqing.intake.service;

import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;

/**
 * A jurisdiction as a range of 12-digit codes (L9): {@code 310104001} covers 310104001000 to
 * 310104001999. {@code community_code between low and high} is served by the btree index under
 * any collation; {@code like '310104001%'} is not, except under the C collation.
 */
public record ScopeRange(String low, String high) {

    public static ScopeRange ofPrefix(String prefix) {
        int pad = 12 - prefix.length();
        return new ScopeRange(prefix + "0".repeat(pad), prefix + "9".repeat(pad));
    }

    /** The caller's scope; fails closed (403) when the token carries no jurisdiction, as {@code likePrefix} did. */
    public static ScopeRange of(CallerScope scope) {
        return within(scope.ownOrForbidden());
    }

    /** The codes within {@code code} (a valid 12-digit code). */
    public static ScopeRange within(String code) {
        return ofPrefix(Jurisdiction.prefix(code));
    }
}
