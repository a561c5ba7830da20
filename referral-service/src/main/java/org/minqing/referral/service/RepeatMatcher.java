package org.minqing.referral.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether a new case repeats an open one (重复信访): same community and line are checked
 * by the caller; here the place and the description must both be similar enough. The place
 * weighs less (neighbours on one street share it); the description must carry the matter.
 */
@ApplicationScoped
public class RepeatMatcher {

    public record Score(double address, double description, double combined) {
    }

    @ConfigProperty(name = "minqing.referral.repeat.min-description", defaultValue = "0.25")
    double minDescription;

    @ConfigProperty(name = "minqing.referral.repeat.min-address", defaultValue = "0.50")
    double minAddress;

    @ConfigProperty(name = "minqing.referral.repeat.min-combined", defaultValue = "0.45")
    double minCombined;

    /** A case's place and matter as token sets, computed once per case. */
    public record Text(boolean hasAddress, Set<String> address, Set<String> description, Set<String> everything) {
    }

    public static Text text(String address, String description) {
        return new Text(!blank(address), TextSimilarity.tokens(address), TextSimilarity.tokens(description),
                TextSimilarity.tokens(join(address, description)));
    }

    public static Score score(String addressA, String descriptionA, String addressB, String descriptionB) {
        return score(text(addressA, descriptionA), text(addressB, descriptionB));
    }

    public static Score score(Text a, Text b) {
        double addr = TextSimilarity.cosine(a.address(), b.address());
        // Without an address the place is in the description, so compare everything said.
        double desc = a.hasAddress() && b.hasAddress() ? TextSimilarity.cosine(a.description(), b.description())
                : TextSimilarity.cosine(a.everything(), b.everything());
        return new Score(addr, desc, 0.35 * addr + 0.65 * desc);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + " " + (b == null ? "" : b);
    }

    public boolean isRepeat(Score s, boolean bothHaveAddress) {
        if (s.description() < minDescription) {
            return false;
        }
        if (bothHaveAddress && s.address() < minAddress) {
            return false;
        }
        return bothHaveAddress ? s.combined() >= minCombined : s.description() >= minDescription + 0.05;
    }
}
