package org.minqing.intake.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The lines (条线) and communities intake knows, read once from their tables (seeded by migration;
 * they change with a migration, which restarts the service).
 */
@ApplicationScoped
public class Catalogue {

    public record Line(String code, String nameZh, String nameEn, String description) {
    }

    public record Community(String code, String nameZh, List<String> keywords,
            double minLat, double maxLat, double minLon, double maxLon) {
        boolean contains(double lat, double lon) {
            return lat >= minLat && lat < maxLat && lon >= minLon && lon < maxLon;
        }
    }

    @Inject
    EntityManager em;

    private volatile Map<String, Line> lines;
    private volatile Map<String, Community> communities;

    public Map<String, Line> lines() {
        if (lines == null) {
            load();
        }
        return lines;
    }

    public Optional<Line> line(String code) {
        return Optional.ofNullable(code == null ? null : lines().get(code));
    }

    public Optional<Community> community(String code) {
        if (communities == null) {
            load();
        }
        return Optional.ofNullable(code == null ? null : communities.get(code));
    }

    /** The community whose area contains the point, if any. */
    public Optional<Community> communityAt(double lat, double lon) {
        if (communities == null) {
            load();
        }
        return communities.values().stream().filter(c -> c.contains(lat, lon)).findFirst();
    }

    /** The community one of whose place names the address mentions, if exactly one matches. */
    public Optional<Community> communityByAddress(String address) {
        if (communities == null) {
            load();
        }
        List<Community> hits = new ArrayList<>();
        for (Community c : communities.values()) {
            if (c.keywords().stream().anyMatch(address::contains)) {
                hits.add(c);
            }
        }
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private synchronized void load() {
        if (lines != null && communities != null) {
            return;
        }
        Map<String, Line> l = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select code, name_zh, name_en, description from line_catalogue where active order by sort_order")
                .getResultList()) {
            l.put((String) r[0], new Line((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
        }
        Map<String, Community> c = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(
                "select community_code, name_zh, keywords, min_lat, max_lat, min_lon, max_lon from community_area order by community_code")
                .getResultList()) {
            c.put(r[0].toString(), new Community(r[0].toString(), (String) r[1], List.of(((String) r[2]).split(",")),
                    ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(),
                    ((Number) r[5]).doubleValue(), ((Number) r[6]).doubleValue()));
        }
        lines = l;
        communities = c;
    }
}
