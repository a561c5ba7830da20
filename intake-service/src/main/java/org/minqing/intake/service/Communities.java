package org.minqing.intake.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.kit.piece.Ownership;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;

/**
 * Communities (社区) as reference data (issue 14, ADR 0021): listed within the caller's
 * jurisdiction, added and changed by district staff, ops, or a sub-district for its own
 * communities, within the communities this piece owns. Never deleted: {@code active=false}
 * deactivates (its cases keep it; new cases are refused). Every write is audited in
 * {@code reference_change} with before and after, and {@link Catalogue} sees it once it commits.
 */
@ApplicationScoped
public class Communities {

    /** Bounds of a community's box: mainland China's extent, so a swapped or mistyped degree is caught. */
    public static final String MIN_LAT = "3.0";
    public static final String MAX_LAT = "54.0";
    public static final String MIN_LON = "73.0";
    public static final String MAX_LON = "136.0";
    public static final int MAX_KEYWORDS = 10;

    /** What a caller sets on a community; {@code code} is taken from the path on a change. */
    public record CommunityFields(
            @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 1, max = MAX_KEYWORDS) List<@NotBlank @Size(max = 40)
            @Pattern(regexp = "[^,，]+", message = "不能含逗号 / must not contain a comma") String> keywords,
            @NotNull @DecimalMin(MIN_LAT) @DecimalMax(MAX_LAT) Double minLat,
            @NotNull @DecimalMin(MIN_LAT) @DecimalMax(MAX_LAT) Double maxLat,
            @NotNull @DecimalMin(MIN_LON) @DecimalMax(MAX_LON) Double minLon,
            @NotNull @DecimalMin(MIN_LON) @DecimalMax(MAX_LON) Double maxLon,
            Boolean active) {
    }

    public record CommunityView(String code, String name, List<String> keywords, double minLat, double maxLat,
            double minLon, double maxLon, boolean active, OffsetDateTime updatedAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Ownership ownership;

    @Inject
    AppClock clock;

    @Inject
    ReferenceAudit audit;

    /** The communities within the caller's jurisdiction, active or not. */
    @SuppressWarnings("unchecked")
    public List<CommunityView> list(CallerScope scope) {
        String own = scope.ownOrForbidden();
        List<Object[]> rows = em.createNativeQuery("""
                select community_code, name_zh, keywords, min_lat, max_lat, min_lon, max_lon, active, updated_at
                from community_area where community_code between :lo and :hi order by community_code""")
                .setParameter("lo", Jurisdiction.lowest(own)).setParameter("hi", Jurisdiction.highest(own)).getResultList();
        return rows.stream().map(Communities::view).toList();
    }

    /** One community; 404 outside the caller's jurisdiction, as for a neighbour's records. */
    public CommunityView get(String code, CallerScope scope) {
        requireCode("code", code);
        scope.requireVisible(code, "社区 / community");
        return find(code);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CommunityView create(CommunityFields f, CallerScope scope) {
        if (f.code() == null) {
            throw ProblemException.validation("code", "必填", "is required");
        }
        check(f.code(), f, scope);
        if (findOrNull(f.code()) != null) {
            throw ProblemException.conflict("community-exists", "该社区代码已存在，请用 PUT 修改",
                    "a community with this code exists; change it with PUT",
                    List.of(Problem.FieldError.of("code", "该社区代码已存在", "a community with this code exists")));
        }
        Instant now = now();
        em.createNativeQuery("""
                insert into community_area (community_code, name_zh, keywords, min_lat, max_lat, min_lon, max_lon, active, updated_at)
                values (:code, :name, :kw, :minLat, :maxLat, :minLon, :maxLon, :active, :at)""")
                .setParameter("code", f.code()).setParameter("name", f.name().trim()).setParameter("kw", keywords(f))
                .setParameter("minLat", f.minLat()).setParameter("maxLat", f.maxLat()).setParameter("minLon", f.minLon())
                .setParameter("maxLon", f.maxLon()).setParameter("active", f.active() == null || f.active())
                .setParameter("at", Timestamp.from(now)).executeUpdate();
        CommunityView after = find(f.code());
        audit.record("COMMUNITY", f.code(), scope.actor(), now, null, fields(after));
        return after;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CommunityView update(String code, CommunityFields f, CallerScope scope) {
        if (f.code() != null && !f.code().equals(code)) {
            throw ProblemException.validation("code", "与路径中的社区代码不一致（代码不能修改）",
                    "differs from the code in the path (a code cannot be changed)");
        }
        check(code, f, scope);
        CommunityView before = findOrNull(code);
        if (before == null) {
            throw ProblemException.notFound("社区 / community");
        }
        Instant now = now();
        em.createNativeQuery("""
                update community_area set name_zh = :name, keywords = :kw, min_lat = :minLat, max_lat = :maxLat,
                    min_lon = :minLon, max_lon = :maxLon, active = :active, updated_at = :at where community_code = :code""")
                .setParameter("code", code).setParameter("name", f.name().trim()).setParameter("kw", keywords(f))
                .setParameter("minLat", f.minLat()).setParameter("maxLat", f.maxLat()).setParameter("minLon", f.minLon())
                .setParameter("maxLon", f.maxLon()).setParameter("active", f.active() == null ? before.active() : f.active())
                .setParameter("at", Timestamp.from(now)).executeUpdate();
        CommunityView after = find(code);
        audit.record("COMMUNITY", code, scope.actor(), now, fields(before), fields(after));
        return after;
    }

    /**
     * The code is a community's (400), the box well-ordered (400), the code in the caller's
     * jurisdiction (403) and served by this piece (409, ADR 0018: a sub-district's piece keeps its own).
     */
    private void check(String code, CommunityFields f, CallerScope scope) {
        requireCode("code", code);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (f.minLat() >= f.maxLat()) {
            errors.add(Problem.FieldError.of("maxLat", "须大于 minLat", "must be greater than minLat"));
        }
        if (f.minLon() >= f.maxLon()) {
            errors.add(Problem.FieldError.of("maxLon", "须大于 minLon", "must be greater than minLon"));
        }
        if (f.keywords().stream().map(String::trim).distinct().count() < f.keywords().size()) {
            errors.add(Problem.FieldError.of("keywords", "关键词有重复", "has repeated keywords"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        scope.requireWithin(code, "code");
        ownership.requireOwned("code", code);
    }

    private static void requireCode(String field, String code) {
        if (!Jurisdiction.isValid(code)) {
            throw ProblemException.validation(field, "须为12位区划代码", "must be a 12-digit division code");
        }
        if (Jurisdiction.tierOf(code) != Jurisdiction.Tier.COMMUNITY) {
            throw ProblemException.validation(field, "须为社区（村）一级的区划代码", "must be a community-level code");
        }
    }

    private static String keywords(CommunityFields f) {
        return String.join(",", f.keywords().stream().map(String::trim).toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The audited fields of a community, null for none. */
    private static Map<String, Object> fields(CommunityView v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("keywords", v.keywords());
        m.put("minLat", v.minLat());
        m.put("maxLat", v.maxLat());
        m.put("minLon", v.minLon());
        m.put("maxLon", v.maxLon());
        m.put("active", v.active());
        return m;
    }

    private CommunityView find(String code) {
        CommunityView v = findOrNull(code);
        if (v == null) {
            throw ProblemException.notFound("社区 / community");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private CommunityView findOrNull(String code) {
        List<Object[]> rows = em.createNativeQuery("""
                select community_code, name_zh, keywords, min_lat, max_lat, min_lon, max_lon, active, updated_at
                from community_area where community_code = :code""").setParameter("code", code).getResultList();
        return rows.isEmpty() ? null : view(rows.get(0));
    }

    private static CommunityView view(Object[] r) {
        Object at = r[8];
        OffsetDateTime updated = at instanceof Instant i ? i.atOffset(ZoneOffset.UTC)
                : at instanceof OffsetDateTime o ? o : ((Timestamp) at).toInstant().atOffset(ZoneOffset.UTC);
        return new CommunityView(r[0].toString(), (String) r[1], List.of(((String) r[2]).split(",")),
                ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(),
                ((Number) r[6]).doubleValue(), (Boolean) r[7], updated);
    }
}
