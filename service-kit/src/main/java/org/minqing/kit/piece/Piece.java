package org.minqing.kit.piece;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issue 14: this deployment's piece (部署单元): its id, its scope and the district's ownership table,
 * and what follows from them: which events are its own, whether it is the root piece, the suffix of
 * its consumer groups, and what in its settings contradicts the table. Pure, so the start-up check
 * and the consumers' decision are tested without a running service.
 */
public final class Piece {

    public static final String TABLE_KEY = "minqing.ownership.table";
    public static final String ID_KEY = "minqing.piece.id";
    public static final String SCOPE_KEY = "minqing.piece.scope";

    /** What a piece does with an event, by the jurisdiction in its envelope. */
    public enum Verdict {
        /** This piece owns the jurisdiction (or no table is configured): handle it. */
        MINE,
        /** Another piece owns it: acknowledge and skip. */
        OTHER_PIECE,
        /** No entry of the table covers it: the root piece dead-letters it, the others skip it. */
        NO_PIECE
    }

    private final OwnershipTable table;
    private final String id;
    private final String scope;

    private Piece(OwnershipTable table, String id, String scope) {
        this.table = table;
        this.id = id;
        this.scope = scope;
    }

    public static Piece of(String tableText, Optional<String> id, Optional<String> scope) {
        return new Piece(OwnershipTable.parse(tableText), id.map(String::trim).filter(s -> !s.isEmpty()).orElse(null),
                scope.map(String::trim).filter(s -> !s.isEmpty()).orElse(null));
    }

    /** No table: the single deployment of today, which owns every jurisdiction. */
    public boolean ownsEverything() {
        return table.isEmpty();
    }

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    public OwnershipTable table() {
        return table;
    }

    public Verdict verdict(String jurisdiction) {
        if (ownsEverything()) {
            return Verdict.MINE;
        }
        return table.ownerOf(jurisdiction).map(owner -> owner.equals(id) ? Verdict.MINE : Verdict.OTHER_PIECE)
                .orElse(Verdict.NO_PIECE);
    }

    public boolean owns(String jurisdiction) {
        return verdict(jurisdiction) == Verdict.MINE;
    }

    /** The piece of the table's shortest prefix (the district's), which keeps the plain group names and takes the orphans. */
    public boolean isRoot() {
        return ownsEverything() || table.rootCandidates().equals(Set.of(id == null ? "" : id));
    }

    /** Appended to every consumer group id: empty for the root piece, {@code -<piece id>} for any other. */
    public String groupSuffix() {
        return isRoot() || id == null ? "" : "-" + id;
    }

    /**
     * Each way the settings contradict the table, naming the keys and their environment variables;
     * empty when the deployment may start. {@code groupIds}: incoming channel → its consumer group.
     */
    public List<String> contradictions(Map<String, String> groupIds) {
        List<String> out = new ArrayList<>();
        String tableKey = key(TABLE_KEY);
        String idKey = key(ID_KEY);
        String scopeKey = key(SCOPE_KEY);
        if (ownsEverything()) {
            if (id != null || scope != null) {
                out.add(idKey + " / " + scopeKey + " are set but " + tableKey
                        + " is empty: without the table this deployment would act on every jurisdiction");
            }
            return out;
        }
        table.problems().forEach(p -> out.add(tableKey + ": " + p));
        if (table.rootCandidates().size() > 1) {
            out.add(tableKey + ": the shortest prefixes belong to several pieces " + table.rootCandidates()
                    + "; exactly one piece (the district's) must own the shortest prefix");
        }
        if (id == null) {
            out.add(idKey + " is missing: with an ownership table every deployment names its piece");
        } else if (!OwnershipTable.PIECE_ID.matcher(id).matches()) {
            out.add(idKey + "='" + id + "' must be lower-case letters, digits and '-'");
        } else if (!table.pieces().contains(id)) {
            out.add(idKey + "='" + id + "' is not a piece of " + tableKey + " " + table.pieces());
        }
        Optional<String> prefix = OwnershipTable.normalisePrefix(scope);
        if (scope == null) {
            out.add(scopeKey + " is missing: with an ownership table every deployment names the jurisdiction it serves");
        } else if (prefix.isEmpty()) {
            out.add(scopeKey + "='" + scope + "' is not a division-code prefix (1 to 12 digits)");
        } else if (id != null) {
            String owner = table.ownerOf(prefix.get()).orElse(null);
            if (owner == null) {
                out.add(scopeKey + "=" + scope + " is in no entry of " + tableKey);
            } else if (!owner.equals(id)) {
                out.add(scopeKey + "=" + scope + " belongs to piece '" + owner + "' in " + tableKey + ", not to "
                        + idKey + "='" + id + "'");
            }
            for (OwnershipTable.Entry e : table.entries()) {
                if (e.piece().equals(id) && !e.prefix().startsWith(prefix.get())) {
                    out.add(tableKey + " gives " + e.prefix() + " to '" + id + "', outside its " + scopeKey + "=" + scope);
                }
            }
        }
        if (id != null && !isRoot()) {
            groupIds.forEach((channel, group) -> {
                if (group == null || !group.endsWith("-" + id)) {
                    out.add("consumer group of channel '" + channel + "' is '" + group + "': a piece other than the root"
                            + " must use its own groups (<service>-" + id + "), or it takes partitions from the district's");
                }
            });
        }
        return out;
    }

    /** {@code key (ENV_VAR)}, as RequiredSecrets names them. */
    static String key(String key) {
        return key + " (" + key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT) + ")";
    }
}
