package org.minqing.intake.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The lines (条线) and communities (社区) intake knows. Both are reference data edited through
 * {@code /lines} and {@code /communities} (issue 14, ADR 0021): this instance forgets its copy when one
 * of its own writes (or an applied district event) commits ({@link #invalidate}), and every instance
 * reads the tables again once its copy is older than {@code minqing.intake.catalogue-max-age}, so a
 * change made on another instance is seen within that time, with no restart. Deactivated lines and
 * communities stay known (their cases keep their names) but take no new cases; a deactivated line is
 * not offered as an Open311 service and a deactivated community is not found by place.
 */
@ApplicationScoped
public class Catalogue {

    public record Line(String code, String nameZh, String nameEn, String description, boolean active) {
    }

    public record Community(String code, String nameZh, List<String> keywords,
            double minLat, double maxLat, double minLon, double maxLon, boolean active) {
        boolean contains(double lat, double lon) {
            return lat >= minLat && lat < maxLat && lon >= minLon && lon < maxLon;
        }
    }

    /** {@code lines}: every line, active or not, in sort order; {@code activeLines}: the active ones. */
    private record Snapshot(Map<String, Line> lines, Map<String, Line> activeLines, Map<String, Community> communities,
            long loadedAt) {
    }

    @Inject
    EntityManager em;

    /** How long a copy is used before the tables are read again (other instances' writes). */
    @ConfigProperty(name = "minqing.intake.catalogue-max-age", defaultValue = "PT10S")
    Duration maxAge;

    private volatile Snapshot snapshot;
    /** Bumped by every invalidation: a load that started before it does not install its older copy. */
    private long generation;

    /** The active lines, in sort order: those a new case may take (and Open311 offers). */
    public Map<String, Line> lines() {
        return current().activeLines();
    }

    /** The line with this code, active or not (a case keeps its deactivated line and its name). */
    public Optional<Line> line(String code) {
        return Optional.ofNullable(code == null ? null : current().lines().get(code));
    }

    /** The line with this code if a new case may take it. */
    public Optional<Line> activeLine(String code) {
        return line(code).filter(Line::active);
    }

    /** The community with this code, active or not. */
    public Optional<Community> community(String code) {
        return Optional.ofNullable(code == null ? null : current().communities().get(code));
    }

    /** The active community whose area contains the point, if any. */
    public Optional<Community> communityAt(double lat, double lon) {
        return current().communities().values().stream().filter(Community::active).filter(c -> c.contains(lat, lon))
                .findFirst();
    }

    /** The active community one of whose place names the address mentions, if exactly one matches. */
    public Optional<Community> communityByAddress(String address) {
        List<Community> hits = new ArrayList<>();
        for (Community c : current().communities().values()) {
            if (c.active() && c.keywords().stream().anyMatch(address::contains)) {
                hits.add(c);
            }
        }
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    /** Forgets the copy: the next look-up reads the tables (called after a write commits). */
    public synchronized void invalidate() {
        generation++;
        snapshot = null;
    }

    /** A community or a line was written: forgotten only once that write commits (a rolled-back one changes nothing). */
    void onReferenceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReferenceAudit.Changed changed) {
        invalidate();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > maxAge.toNanos()) {
            s = load();
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private Snapshot load() {
        long started;
        synchronized (this) {
            started = generation;
        }
        Map<String, Line> l = new LinkedHashMap<>();
        Map<String, Line> active = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select code, name_zh, name_en, description, active from line_catalogue order by sort_order, code")
                .getResultList()) {
            Line line = new Line((String) r[0], (String) r[1], (String) r[2], (String) r[3], (Boolean) r[4]);
            l.put(line.code(), line);
            if (line.active()) {
                active.put(line.code(), line);
            }
        }
        Map<String, Community> c = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select community_code, name_zh, keywords, min_lat, max_lat, min_lon, max_lon, active from community_area order by community_code")
                .getResultList()) {
            c.put(r[0].toString(), new Community(r[0].toString(), (String) r[1], List.of(((String) r[2]).split(",")),
                    ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(),
                    ((Number) r[5]).doubleValue(), ((Number) r[6]).doubleValue(), (Boolean) r[7]));
        }
        Snapshot fresh = new Snapshot(Collections.unmodifiableMap(l), Collections.unmodifiableMap(active),
                Collections.unmodifiableMap(c), System.nanoTime());
        synchronized (this) {
            if (generation == started) {
                snapshot = fresh;
            }
        }
        return fresh;
    }
}
