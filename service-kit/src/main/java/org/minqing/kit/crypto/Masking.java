package org.minqing.kit.crypto;

/** How personal data is shown to those who may know it exists but not read it. */
public final class Masking {

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

    /** wang.li@example.cn → w***@example.cn. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? stars(email, 0) : email.charAt(0) + "***" + email.substring(at);
    }

    private static String stars(String s, int keepLast) {
        int keep = Math.min(keepLast, s.length());
        return "*".repeat(s.length() - keep) + s.substring(s.length() - keep);
    }
}
