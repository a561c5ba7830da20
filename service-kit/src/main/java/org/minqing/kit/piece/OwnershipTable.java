package org.minqing.kit.piece;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.minqing.kit.scope.Jurisdiction;

/**
 * Issue 14: the ownership table (归属表), one for every deployment of a district: which piece
 * (部署单元) acts on the events of which jurisdiction. Written {@code <prefix>=<piece id>, ...}, e.g.
 * {@code 310104=district,310104001=sd-310104001}; a prefix is the leading digits of the 12-digit
 * division code (a full code stands for its significant digits: 310104001000 is 310104001). The
 * longest matching prefix wins. Parsing collects every problem instead of stopping at the first.
 */
public final class OwnershipTable {

    /** Usable in consumer group names and Kafka principals: lower case, digits, '-'. */
    public static final Pattern PIECE_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");
    private static final Pattern DIGITS = Pattern.compile("^\\d{1,12}$");

    public record Entry(String prefix, String piece) {
    }

    private final List<Entry> longestFirst;
    private final List<String> problems;

    private OwnershipTable(List<Entry> entries, List<String> problems) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        this.longestFirst = List.copyOf(sorted);
        this.problems = List.copyOf(problems);
    }

    /** Entries separated by commas, semicolons or line breaks; blank text is the empty table. */
    public static OwnershipTable parse(String text) {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split("[,;\\n]")) {
                String item = raw.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq < 0) {
                    problems.add("entry '" + item + "' is not <prefix>=<piece id>");
                    continue;
                }
                String prefix = item.substring(0, eq).trim();
                String piece = item.substring(eq + 1).trim();
                Optional<String> normalised = normalisePrefix(prefix);
                if (normalised.isEmpty()) {
                    problems.add("entry '" + item + "': '" + prefix + "' is not a division-code prefix (1 to 12 digits)");
                    continue;
                }
                if (!PIECE_ID.matcher(piece).matches()) {
                    problems.add("entry '" + item + "': piece id '" + piece + "' must be lower-case letters, digits and '-'");
                    continue;
                }
                String earlier = byPrefix.putIfAbsent(normalised.get(), piece);
                if (earlier != null && !earlier.equals(piece)) {
                    problems.add("prefix " + normalised.get() + " is given to two pieces: " + earlier + " and " + piece);
                }
            }
        }
        List<Entry> entries = byPrefix.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
        return new OwnershipTable(entries, problems);
    }

    /** A prefix as the table keeps it: a 12-digit code becomes its significant digits. */
    public static Optional<String> normalisePrefix(String prefix) {
        if (prefix == null || !DIGITS.matcher(prefix).matches()) {
            return Optional.empty();
        }
        if (prefix.length() == 12) {
            return Jurisdiction.isValid(prefix) ? Optional.of(Jurisdiction.prefix(prefix)) : Optional.empty();
        }
        return Optional.of(prefix);
    }

    public boolean isEmpty() {
        return longestFirst.isEmpty() && problems.isEmpty();
    }

    /** What could not be read; empty for a well-formed table. */
    public List<String> problems() {
        return problems;
    }

    public List<Entry> entries() {
        return longestFirst;
    }

    /** The piece owning a code (or a prefix): the entry with the longest prefix it starts with. */
    public Optional<String> ownerOf(String codeOrPrefix) {
        if (codeOrPrefix == null) {
            return Optional.empty();
        }
        for (Entry e : longestFirst) {
            if (codeOrPrefix.startsWith(e.prefix())) {
                return Optional.of(e.piece());
            }
        }
        return Optional.empty();
    }

    /** The pieces owning the shortest prefixes: normally one, the district's (the root piece). */
    public Set<String> rootCandidates() {
        Set<String> roots = new LinkedHashSet<>();
        if (longestFirst.isEmpty()) {
            return roots;
        }
        int shortest = longestFirst.get(longestFirst.size() - 1).prefix().length();
        for (Entry e : longestFirst) {
            if (e.prefix().length() == shortest) {
                roots.add(e.piece());
            }
        }
        return roots;
    }

    public Set<String> pieces() {
        Set<String> pieces = new LinkedHashSet<>();
        longestFirst.forEach(e -> pieces.add(e.piece()));
        return pieces;
    }
}
