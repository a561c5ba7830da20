package org.minqing.intake.service;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.intake.LineChanged;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.piece.Ownership;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;


/**
 * Lines (条线) as reference data (issue 14, ADR 0021). The district decides them: district staff of
 * the district and ops-admin add and change them in the district's piece (the ownership table's root,
 * or a deployment without a table), which writes, audits ({@code reference_change}, kind {@code LINE})
 * and publishes the line's full new state ({@code intake.line.changed} on
 * {@code minqing.intake.reference}) in one transaction. A sub-district's piece refuses to change them
 * (409) and applies the district's events instead, audited with the event's actor. Never deleted:
 * {@code active=false} deactivates (its cases keep it and its name; new cases are refused).
 * {@link Catalogue} sees every change once it commits.
 */
@ApplicationScoped
public class Lines {

    private static final Logger LOG = Logger.getLogger(Lines.class);

    public static final String CODE = "^[a-z][a-z0-9-]{1,39}$";
    public static final int MAX_NAME_ZH = 20;
    public static final int MAX_NAME_EN = 60;
    public static final int MAX_DESCRIPTION = 200;
    public static final int MAX_SORT_ORDER = 999;

    /** What a caller sets on a line; {@code code} is taken from the path on a change. */
    public record LineFields(
            @Pattern(regexp = CODE, message = "须为小写字母开头、由小写字母、数字和连字符组成的2至40个字符 / "
                    + "must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter") String code,
            @NotBlank @Size(max = MAX_NAME_ZH) String nameZh,
            @NotBlank @Size(max = MAX_NAME_EN) String nameEn,
            @Size(max = MAX_DESCRIPTION) String description,
            @NotNull Integer sortOrder,
            Boolean active) {
    }

    public record LineView(String code, String nameZh, String nameEn, String description, int sortOrder, boolean active) {
    }

    @Inject
    EntityManager em;

    @Inject
    Ownership ownership;

    @Inject
    Outbox outbox;

    @Inject
    AppClock clock;

    @Inject
    ReferenceAudit audit;

    @Inject
    Validator validator;

    /** Whether this piece decides the lines: the district's (root) piece. */
    public boolean isSource() {
        return ownership.piece().isRoot();
    }

    /** Every line, active or not, in sort order (lines hold district-wide: no jurisdiction filter). */
    @SuppressWarnings("unchecked")
    public List<LineView> list() {
        List<Object[]> rows = em.createNativeQuery("""
                select code, name_zh, name_en, description, sort_order, active from line_catalogue
                order by sort_order, code""").getResultList();
        return rows.stream().map(Lines::view).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LineView create(LineFields f, CallerScope scope) {
        String district = requireWriter(scope);
        requireSource();
        validate(f);
        if (f.code() == null) {
            throw ProblemException.validation("code", "必填", "is required");
        }
        check(f);
        if (findOrNull(f.code()) != null) {
            throw ProblemException.conflict("line-exists", "该条线代码已存在，请用 PUT 修改",
                    "a line with this code exists; change it with PUT",
                    List.of(Problem.FieldError.of("code", "该条线代码已存在", "a line with this code exists")));
        }
        LineView after = new LineView(f.code(), f.nameZh().trim(), f.nameEn().trim(), description(f), f.sortOrder(),
                f.active() == null || f.active());
        insert(after);
        audit(after.code(), null, after, scope.actor());
        publish(after, scope.actor(), district);
        return after;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LineView update(String code, LineFields f, CallerScope scope) {
        String district = requireWriter(scope);
        requireSource();
        validate(f);
        if (code == null || !code.matches(CODE)) {
            throw ProblemException.validation("code", "须为小写字母开头、由小写字母、数字和连字符组成的2至40个字符",
                    "must be 2 to 40 lowercase letters, digits or hyphens, starting with a letter");
        }
        if (f.code() != null && !f.code().equals(code)) {
            throw ProblemException.validation("code", "与路径中的条线代码不一致（代码不能修改）",
                    "differs from the code in the path (a code cannot be changed)");
        }
        check(f);
        LineView before = findOrNull(code);
        if (before == null) {
            throw ProblemException.notFound("条线 / line");
        }
        LineView after = new LineView(code, f.nameZh().trim(), f.nameEn().trim(), description(f), f.sortOrder(),
                f.active() == null ? before.active() : f.active());
        updateRow(after);
        audit(code, before, after, scope.actor());
        // published even when nothing changed: PUT again re-sends a line to a piece that joined later
        publish(after, scope.actor(), district);
        return after;
    }

    /**
     * Applies the district's line in a sub-district's piece. The same values again (a replay under a
     * new event id, or the district re-saving a line) change nothing and leave no second audit row.
     * Values outside what the API admits are a poison message (dead-lettered), not a silent clamp.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(LineChanged e, Actor actor) {
        if (e.lineId() == null || !e.lineId().matches(CODE) || blankOrLonger(e.nameZh(), MAX_NAME_ZH)
                || blankOrLonger(e.nameEn(), MAX_NAME_EN) || e.description() == null
                || e.description().length() > MAX_DESCRIPTION || e.sortOrder() < 0 || e.sortOrder() > MAX_SORT_ORDER) {
            throw new PoisonMessageException("line " + e.lineId() + " outside what this piece admits");
        }
        LineView after = new LineView(e.lineId(), e.nameZh(), e.nameEn(), e.description(), e.sortOrder(), e.active());
        LineView before = findOrNull(e.lineId());
        if (after.equals(before)) {
            return false;
        }
        if (before == null) {
            insert(after);
        } else {
            updateRow(after);
        }
        audit(after.code(), before, after, actor);
        LOG.infof("applied the district's line %s (active=%s)", after.code(), after.active());
        return true;
    }

    /**
     * District staff of the district, or ops-admin (403 naming {@code code} otherwise); the district's
     * code, which every line event carries as its jurisdiction.
     */
    private static String requireWriter(CallerScope scope) {
        boolean district = scope.hasRole(Roles.DISTRICT_STAFF) && scope.jurisdiction()
                .filter(Jurisdiction::isValid).map(j -> Jurisdiction.tierOf(j) == Jurisdiction.Tier.DISTRICT).orElse(false);
        if (!district && !scope.hasRole(Roles.OPS_ADMIN)) {
            String zh = "条线由区级决定，只有区级工作人员和运维管理员可以新增或修改";
            String en = "lines are decided by the district: only district staff and ops-admin may add or change them";
            throw new ProblemException(Problem.of("forbidden", 403, "无权操作", "Forbidden", zh, en,
                    List.of(Problem.FieldError.of("code", zh, en))));
        }
        return Jurisdiction.at(scope.ownOrForbidden(), Jurisdiction.Tier.DISTRICT);
    }

    /** 409 naming {@code code} in a sub-district's piece: the district's piece maintains the lines. */
    private void requireSource() {
        if (isSource()) {
            return;
        }
        String zh = "条线由区级部署单元维护，本街道部署单元不能修改，区级的修改会自动同步到这里";
        String en = "lines are maintained by the district's piece; this sub-district's piece cannot change them, "
                + "the district's changes reach it by events";
        throw ProblemException.conflict("maintained-by-the-district", zh, en, List.of(Problem.FieldError.of("code", zh, en)));
    }

    /** The body's constraints (400 naming each field), checked only once the caller may write at all. */
    private void validate(LineFields f) {
        Set<ConstraintViolation<LineFields>> violations = validator.validate(f);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** The sort order's range: a well-formed number outside it is a 422 naming it (H3), as everywhere in intake. */
    private static void check(LineFields f) {
        Bounds.check().number("sortOrder", f.sortOrder(), 0, MAX_SORT_ORDER).throwIfAny();
    }

    private static boolean blankOrLonger(String s, int max) {
        return s == null || s.isBlank() || s.length() > max;
    }

    private static String description(LineFields f) {
        return f.description() == null ? "" : f.description().trim();
    }

    /** The audit row, in the write's transaction (the action follows from before and after). */
    private void audit(String code, LineView before, LineView after, Actor actor) {
        audit.record("LINE", code, actor, clock.instant().truncatedTo(ChronoUnit.MICROS), fields(before), fields(after));
    }

    private void insert(LineView v) {
        em.createNativeQuery("""
                insert into line_catalogue (code, name_zh, name_en, description, sort_order, active)
                values (:code, :zh, :en, :description, :sort, :active)""")
                .setParameter("code", v.code()).setParameter("zh", v.nameZh()).setParameter("en", v.nameEn())
                .setParameter("description", v.description()).setParameter("sort", v.sortOrder())
                .setParameter("active", v.active()).executeUpdate();
    }

    private void updateRow(LineView v) {
        em.createNativeQuery("""
                update line_catalogue set name_zh = :zh, name_en = :en, description = :description, sort_order = :sort,
                    active = :active where code = :code""")
                .setParameter("code", v.code()).setParameter("zh", v.nameZh()).setParameter("en", v.nameEn())
                .setParameter("description", v.description()).setParameter("sort", v.sortOrder())
                .setParameter("active", v.active()).executeUpdate();
    }

    private void publish(LineView v, Actor actor, String district) {
        var payload = new LineChanged(v.code(), v.nameZh(), v.nameEn(), v.description(), v.sortOrder(), v.active());
        outbox.publish(Topics.INTAKE_REFERENCE.topic(),
                EventEnvelope.of(EventType.LINE_CHANGED, district, v.code(), null, actor, payload));
    }

    /** The audited fields of a line, null for none. */
    private static Map<String, Object> fields(LineView v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nameZh", v.nameZh());
        m.put("nameEn", v.nameEn());
        m.put("description", v.description());
        m.put("sortOrder", v.sortOrder());
        m.put("active", v.active());
        return m;
    }

    @SuppressWarnings("unchecked")
    private LineView findOrNull(String code) {
        List<Object[]> rows = em.createNativeQuery("""
                select code, name_zh, name_en, description, sort_order, active from line_catalogue where code = :code""")
                .setParameter("code", code).getResultList();
        return rows.isEmpty() ? null : view(rows.get(0));
    }

    private static LineView view(Object[] r) {
        return new LineView((String) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                (Boolean) r[5]);
    }
}
