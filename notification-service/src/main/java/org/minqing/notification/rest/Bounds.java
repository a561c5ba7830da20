package org.minqing.notification.rest;

import java.util.Locale;
import java.util.UUID;

import org.minqing.kit.problem.ProblemException;

/**
 * Query parameters read by hand (H3), so that every bad value is a problem naming the field: a
 * number outside its bounds, or no number at all, is a 422 (a JAX-RS {@code int} parameter would
 * answer 404 for "ten" and overflow silently past 2^31); a malformed flag or id a 400.
 */
final class Bounds {

    private Bounds() {
    }

    static int integer(String field, String text, int absent, int min, int max) {
        if (text == null) {
            return absent;
        }
        String t = text.trim();
        if (t.matches("[+-]?\\d{1,10}")) {
            long v = Long.parseLong(t);
            if (v >= min && v <= max) {
                return (int) v;
            }
        }
        throw ProblemException.unprocessable("out-of-range", field, "须为 " + min + " 至 " + max + " 之间的整数",
                "must be a whole number from " + min + " to " + max);
    }

    static boolean flag(String field, String text, boolean absent) {
        if (text == null) {
            return absent;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.validation(field, "只能是 true 或 false", "must be true or false");
        };
    }

    static UUID uuid(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(field, "不是有效的编号（UUID）", "is not a valid id (UUID)");
        }
    }
}
