package org.minqing.referral.service;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Chinese-aware text similarity for repeat petitions (重复信访). Text is cut into runs: each run of
 * CJK (Han) characters becomes its characters and character bigrams (unigrams catch re-worded
 * phrases such as 遮挡采光 / 遮光, bigrams keep word order), each run of
 * ASCII letters or digits one lower-cased word (building numbers such as "40", "78", "84" stay
 * whole). Punctuation, spaces and common function characters separate runs and are dropped.
 * Token sets are compared by cosine (|A∩B| / √(|A|·|B|)).
 */
public final class TextSimilarity {

    /** Function characters that carry no meaning about the matter itself. */
    private static final String STOP_CHARS = "的了和与及或在是有等把被对于为也都就还很又这那其之个们着过啊吗呢吧";

    private TextSimilarity() {
    }

    public static Set<String> tokens(String text) {
        Set<String> tokens = new HashSet<>();
        if (text == null) {
            return tokens;
        }
        StringBuilder cjk = new StringBuilder();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isCjk(cp) && STOP_CHARS.indexOf(cp) < 0) {
                flushWord(word, tokens);
                cjk.appendCodePoint(cp);
            } else if (cp < 128 && Character.isLetterOrDigit(cp) || Character.isDigit(cp)) {
                flushCjk(cjk, tokens);
                // full-width digits count as their ASCII value
                word.append(Character.isDigit(cp) ? (char) ('0' + Character.digit(cp, 10)) : (char) cp);
            } else {
                flushCjk(cjk, tokens);
                flushWord(word, tokens);
            }
        });
        flushCjk(cjk, tokens);
        flushWord(word, tokens);
        return tokens;
    }

    public static double cosine(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return common / Math.sqrt((double) a.size() * b.size());
    }

    public static double cosine(String a, String b) {
        return cosine(tokens(a), tokens(b));
    }

    private static void flushCjk(StringBuilder run, Set<String> tokens) {
        int[] cps = run.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            tokens.add(new String(cps, i, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            tokens.add(new String(cps, i, 2));
        }
        run.setLength(0);
    }

    private static void flushWord(StringBuilder word, Set<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN;
    }
}
