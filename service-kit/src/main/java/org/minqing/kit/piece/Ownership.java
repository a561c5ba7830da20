package org.minqing.kit.piece;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

import io.quarkus.runtime.StartupEvent;

/**
 * Issue 14 (ADR 0018): which events this deployment acts on. Every consumer goes through
 * {@code Inbox.receive}, which asks {@link #accept}: an event of a jurisdiction another piece owns is
 * acknowledged and skipped (counted in {@code minqing.events.skipped}), one in no entry of the table
 * is dead-lettered by the root piece. A start whose settings contradict the table is refused.
 * Without {@code minqing.ownership.table} the deployment owns everything, as before.
 */
@ApplicationScoped
public class Ownership {

    private static final Logger LOG = Logger.getLogger(Ownership.class);
    private static final Pattern CHANNEL = Pattern.compile("^mp\\.messaging\\.incoming\\.([^.]+)\\.connector$");

    @Inject
    MinqingMeters meters;

    private Piece piece;

    @PostConstruct
    void init() {
        piece = fromConfig(ConfigProvider.getConfig());
    }

    /** Before the Kafka channels start (they observe start-up at LIBRARY_BEFORE). */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        List<String> problems = piece.contradictions(groupIds(config));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(message(problems));
        }
        if (!piece.ownsEverything()) {
            LOG.infof("piece '%s'%s: ownership table %s", piece.id().orElse("?"), piece.isRoot() ? " (root)" : "",
                    piece.table().entries());
        }
    }

    static Piece fromConfig(Config config) {
        return Piece.of(config.getOptionalValue(Piece.TABLE_KEY, String.class).orElse(""),
                config.getOptionalValue(Piece.ID_KEY, String.class),
                config.getOptionalValue(Piece.SCOPE_KEY, String.class));
    }

    /** Incoming channel → its effective consumer group id. */
    static Map<String, String> groupIds(Config config) {
        Map<String, String> groups = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = CHANNEL.matcher(name);
            if (m.matches()) {
                groups.put(m.group(1), config.getOptionalValue("mp.messaging.incoming." + m.group(1) + ".group.id", String.class)
                        .orElse(null));
            }
        }
        return groups;
    }

    static String message(List<String> problems) {
        return "启动被拒绝：本部署单元的设置与归属表矛盾 / start refused, this piece's settings contradict the ownership table: "
                + String.join("; ", problems)
                + ". See docs/adr (tier pieces: ownership) and docs/operations.md, \"Add a sub-district's piece\".";
    }

    public Piece piece() {
        return piece;
    }

    /** Whether this piece owns a jurisdiction (12-digit code). */
    public boolean owns(String jurisdiction) {
        return piece.owns(jurisdiction);
    }

    /**
     * Work is created only in the piece that owns its jurisdiction (where its events are handled): a
     * 409 naming {@code field} and the owning piece otherwise. Nothing changes without a table.
     */
    public void requireOwned(String field, String jurisdiction) {
        if (piece.owns(jurisdiction)) {
            return;
        }
        String owner = piece.table().ownerOf(jurisdiction).orElse(null);
        String zh = owner == null ? "该辖区不属于任何部署单元，本部署不能受理" : "该辖区由部署单元 " + owner + " 受理，请在其工作台登记";
        String en = owner == null ? "no piece serves this jurisdiction; this deployment cannot take it"
                : "this jurisdiction is served by piece " + owner + "; record it there";
        throw ProblemException.conflict("jurisdiction-of-another-piece", zh, en, List.of(Problem.FieldError.of(field, zh, en)));
    }

    /**
     * Whether {@code consumer} handles {@code event} here. False (and counted) for another piece's
     * event; a poison message (to the dead-letter topic) for an event no piece owns, in the root piece.
     * Directory events ({@link EventType#forEveryPiece}) are taken by every piece.
     */
    public boolean accept(String consumer, EventEnvelope event, Optional<EventType> type) {
        if (piece.ownsEverything() || type.map(EventType::forEveryPiece).orElse(false)) {
            return true;
        }
        Piece.Verdict verdict = piece.verdict(event.jurisdiction());
        if (verdict == Piece.Verdict.MINE) {
            return true;
        }
        if (verdict == Piece.Verdict.NO_PIECE && piece.isRoot()) {
            throw new PoisonMessageException("jurisdiction " + event.jurisdiction() + " of " + event.type()
                    + " is in no entry of " + Piece.TABLE_KEY + " (no piece owns it)");
        }
        LOG.debugf("%s skips %s %s of jurisdiction %s: %s", consumer, event.type(), event.eventId(), event.jurisdiction(),
                verdict == Piece.Verdict.NO_PIECE ? "no piece owns it (the root piece dead-letters it)" : "another piece's");
        meters.countCommitted(MinqingMeters.EVENTS_SKIPPED, "consumer", consumer);
        return false;
    }
}
