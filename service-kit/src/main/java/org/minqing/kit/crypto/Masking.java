package org.minqing.kit.crypto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data is shown to those who may know it exists but not read it. A masked form is
 * never longer than {@link #MAX_LENGTH}, so it fits any column that stores it whatever the input.
 */
public final class Masking {

    /** The longest masked form of a phone, ID number or e-mail address. */
    public static final int MAX_LENGTH = 64;

    /** An e-mail address inside free text (a mail server's reply, an exception message). */
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile(
            "[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*");
    /** A mainland mobile number, optionally with the country code, not part of a longer token. */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile(
            "(?<![\\p{Alnum}_-])(\\+?86[ -]?)?(1[3-9]\\d{9})(?![\\p{Alnum}_-])");
    /** Any other run of 7 to 20 digits standing alone (a landline, a foreign number). */
    private static final Pattern NUMBER_IN_TEXT = Pattern.compile("(?<![\\p{Alnum}_.:*-])\\+?\\d{7,20}(?![\\p{Alnum}_.:*-])");

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

    /**
     * Free text (an SMTP reply, a gateway's or a library's error message) with every e-mail address
     * and phone number in it masked, cut to {@code maxLength} characters (M9: {@code 550 5.1.1
     * <resident@x.cn>: Recipient address rejected} is stored and shown as {@code <r***@x.cn>}).
     */
    public static String text(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String s = replace(EMAIL_IN_TEXT, text, m -> email(m.group()));
        s = replace(MOBILE_IN_TEXT, s, m -> (m.group(1) == null ? "" : m.group(1)) + phone(m.group(2)));
        s = replace(NUMBER_IN_TEXT, s, m -> phone(m.group()));
        return cut(s, maxLength);
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

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String stars(String s, int keepLast) {
        String t = s.length() > MAX_LENGTH ? s.substring(s.length() - MAX_LENGTH) : s;
        int keep = Math.min(keepLast, t.length());
        return "*".repeat(t.length() - keep) + t.substring(t.length() - keep);
    }
}
