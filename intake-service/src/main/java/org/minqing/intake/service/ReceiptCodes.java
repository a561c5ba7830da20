package org.minqing.intake.service;

import java.security.SecureRandom;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Receipt codes (回执码): 11 random Crockford base32 symbols (55 bits, minus a fraction for the
 * check-symbol rejection below) plus Crockford's mod-37 check symbol. Mod 37 catches every single
 * wrong symbol and every swap of neighbours, so a typo is told apart from an unknown code.
 * Printed as {@code XXXX-XXXX-XXXX}; read case-insensitively, hyphens and spaces ignored, and
 * I/L read as 1, O as 0, as Crockford prescribes.
 */
@ApplicationScoped
public class ReceiptCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final String CHECK_SYMBOLS = ALPHABET + "*~$=U";
    public static final int DATA_LENGTH = 11;
    public static final int LENGTH = DATA_LENGTH + 1;

    public enum Verdict { VALID, MALFORMED, CHECKSUM }

    public record Parsed(Verdict verdict, String canonical) {
    }

    private final SecureRandom random = new SecureRandom();

    /** A fresh code, formatted for printing. Codes whose check symbol is not alphanumeric are redrawn. */
    public String generate() {
        while (true) {
            StringBuilder sb = new StringBuilder(LENGTH);
            for (int i = 0; i < DATA_LENGTH; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(32)));
            }
            int check = check(sb);
            if (check < 32) {
                sb.append(CHECK_SYMBOLS.charAt(check));
                return format(sb.toString());
            }
        }
    }

    public static Parsed parse(String raw) {
        if (raw == null) {
            return new Parsed(Verdict.MALFORMED, null);
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        String upper = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            sb.append(switch (c) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> c;
            });
        }
        if (sb.length() != LENGTH) {
            return new Parsed(Verdict.MALFORMED, null);
        }
        String data = sb.substring(0, DATA_LENGTH);
        for (int i = 0; i < DATA_LENGTH; i++) {
            if (ALPHABET.indexOf(data.charAt(i)) < 0) {
                return new Parsed(Verdict.MALFORMED, null);
            }
        }
        char checkChar = sb.charAt(DATA_LENGTH);
        if (CHECK_SYMBOLS.indexOf(checkChar) < 0) {
            return new Parsed(Verdict.MALFORMED, null);
        }
        if (CHECK_SYMBOLS.charAt(check(data)) != checkChar) {
            return new Parsed(Verdict.CHECKSUM, null);
        }
        return new Parsed(Verdict.VALID, format(sb.toString()));
    }

    static int check(CharSequence data) {
        int v = 0;
        for (int i = 0; i < data.length(); i++) {
            v = (v * 32 + ALPHABET.indexOf(data.charAt(i))) % 37;
        }
        return v;
    }

    static String format(String twelve) {
        return twelve.substring(0, 4) + "-" + twelve.substring(4, 8) + "-" + twelve.substring(8);
    }
}
