package org.minqing.kit.crypto;

/**
 * How personal data is shown to those who may know it exists but not read it. A masked form is
 * never longer than {@link #MAX_LENGTH}, so it fits any column that stores it whatever the input.
 */
public final class Masking {

    /** The longest masked form of a phone, ID number or e-mail address. */
    public static final int MAX_LENGTH = 64;

    private Masking() {
    }

    /** 13812341234 → 138****1234; short or odd values keep only their last two characters. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return stars(phone, 2);
    }

    /** 18-digit resident ID → 110***********123X. */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() > MAX_LENGTH) {
            return id.substring(0, 3) + "*".repeat(MAX_LENGTH - 7) + id.substring(id.length() - 4);
        }
        if (id.length() >= 15) {
            return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
        }
        return stars(id, 2);
    }

    /** 张三丰 → 张**. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /**
     * wang.li@example.cn → w***@example.cn. A long domain keeps only its end ({@code a***@…ample.cn}),
     * so the masked form is at most {@link #MAX_LENGTH} long (H2: a 200-character address once masked
     * to 203 characters and could not be stored).
     */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return stars(email, 0);
        }
        String head = email.substring(0, email.offsetByCodePoints(0, 1)) + "***@";
        String domain = email.substring(at + 1);
        if (head.length() + domain.length() <= MAX_LENGTH) {
            return head + domain;
        }
        int keep = MAX_LENGTH - head.length() - 1;
        int from = domain.length() - keep;
        if (Character.isLowSurrogate(domain.charAt(from))) {
            from++;
        }
        return head + "…" + domain.substring(from);
    }

    /** At most {@code maxLength} characters, never ending in half a surrogate pair. */
    public static String cut(String s, int maxLength) {
        if (s == null || s.length() <= maxLength) {
            return s;
        }
        int end = maxLength;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stars(String s, int keepLast) {
        String t = s.length() > MAX_LENGTH ? s.substring(s.length() - MAX_LENGTH) : s;
        int keep = Math.min(keepLast, t.length());
        return "*".repeat(t.length() - keep) + t.substring(t.length() - keep);
    }
}
