package org.minqing.referral.service;

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

    @ConfigProperty(name = "referral.repeat.min-description", defaultValue = "0.25")
    double minDescription;

    @ConfigProperty(name = "referral.repeat.min-address", defaultValue = "0.50")
    double minAddress;

    @ConfigProperty(name = "referral.repeat.min-combined", defaultValue = "0.45")
    double minCombined;

    public static Score score(String addressA, String descriptionA, String addressB, String descriptionB) {
        double addr = TextSimilarity.cosine(addressA, addressB);
        double desc;
        if (blank(addressA) || blank(addressB)) {
            // Without an address the place is in the description, so compare everything said.
            desc = TextSimilarity.cosine(join(addressA, descriptionA), join(addressB, descriptionB));
        } else {
            desc = TextSimilarity.cosine(descriptionA, descriptionB);
        }
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
