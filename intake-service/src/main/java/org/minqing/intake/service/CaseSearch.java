package org.minqing.intake.service;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.minqing.kit.jdbc.SqlValues;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.intake.CaseStatus;
import org.minqing.intake.mapping.CaseViews.CasePage;
import org.minqing.intake.mapping.CaseViews.CaseSummary;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;

/**
 * Staff search over cases in their scope, newest first, with keyset pagination: the cursor is the
 * last hit's (recorded_at, id), so pages stay stable while new cases arrive.
 */
@ApplicationScoped
public class CaseSearch {

    /** The caller's scope as a range the {@code intake_case_scope} index serves (L9). */
    public static final String SCOPE_PREDICATE = "community_code between :scopeLow and :scopeHigh";

    public record Filter(String from, String to, String line, String status, String community, String channel,
            String repeat, String q, String cursor, String limit) {
    }

    @Inject
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    AppClock clock;

    /** The filters as SQL: {@code where} follows "from intake_case where", with its named parameters. */
    public record Built(String where, Map<String, Object> params, int limit) {
    }

    @SuppressWarnings("unchecked")
    public CasePage search(Filter f, CallerScope scope) {
        Built b = build(f, scope);
        Query query = em.createNativeQuery("""
                select id, channel, community_code, line_code, status, urgency, group_petition,
                       repeat_of, repeat_count, expected_date, recorded_at, left(description, 120)
                  from intake_case where\s""" + b.where() + " order by recorded_at desc, id desc limit :limit");
        b.params().forEach(query::setParameter);
        query.setParameter("limit", b.limit() + 1);
        int limit = b.limit();
        List<Object[]> rows = query.getResultList();
        List<CaseSummary> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            Object[] r = rows.get(i);
            Instant recordedAt = SqlValues.instant(r[10]);
            items.add(new CaseSummary((UUID) r[0], (String) r[1], r[2].toString(), (String) r[3],
                    (String) r[4], (String) r[5], (Boolean) r[6], r[7] != null || ((Number) r[8]).intValue() > 0,
                    ((Number) r[8]).intValue(), r[9] == null ? null : SqlValues.localDate(r[9]), recordedAt, (String) r[11]));
        }
        String next = null;
        if (rows.size() > limit) {
            CaseSummary last = items.get(items.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.recordedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new CasePage(items, next);
    }

    /**
     * Validates the filters (400 malformed, 422 out of range, each naming its field) and turns them
     * into a WHERE clause within the caller's scope; the search and the export share it.
     */
    public Built build(Filter f, CallerScope scope) {
        List<Problem.FieldError> errors = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SCOPE_PREDICATE);
        Map<String, Object> params = new HashMap<>();
        // A range, not LIKE 'prefix%': the scope index serves it under any collation (L9).
        ScopeRange range = ScopeRange.of(scope);
        params.put("scopeLow", range.low());
        params.put("scopeHigh", range.high());
        List<Problem.FieldError> outOfRange = new ArrayList<>();
        LocalDate today = clock.today();

        LocalDate from = date(f.from(), "from", errors);
        LocalDate to = date(f.to(), "to", errors);
        if (from != null && !Bounds.dateInRange(from, today)) {
            outOfRange.add(Bounds.dateOutOfRange("from", today));
            from = null;
        }
        if (to != null && !Bounds.dateInRange(to, today)) {
            outOfRange.add(Bounds.dateOutOfRange("to", today));
            to = null;
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(Problem.FieldError.of("to", "不能早于开始日期", "must not be before 'from'"));
        }
        if (from != null) {
            sql.append(" and recorded_at >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(AppClock.ZONE).toInstant()));
        }
        if (to != null) {
            sql.append(" and recorded_at < :to");
            params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(AppClock.ZONE).toInstant()));
        }
        if (f.line() != null) {
            if (catalogue.line(f.line()).isEmpty()) {
                errors.add(Problem.FieldError.of("line", "不在条线目录中", "is not in the line catalogue"));
            }
            sql.append(" and line_code = :line");
            params.put("line", f.line());
        }
        enumFilter(CaseStatus.class, f.status(), "status", "is not a case status", sql, params, errors);
        enumFilter(IntakeChannel.class, f.channel(), "channel", "is not a channel", sql, params, errors);
        if (f.community() != null) {
            if (!Jurisdiction.isValid(f.community())) {
                errors.add(Problem.FieldError.of("community", "须为12位区划代码", "must be a 12-digit division code"));
            } else {
                ScopeRange community = ScopeRange.within(f.community());
                sql.append(" and community_code between :communityLow and :communityHigh");
                params.put("communityLow", community.low());
                params.put("communityHigh", community.high());
            }
        }
        if (f.repeat() != null) {
            switch (f.repeat()) {
                case "true" -> sql.append(" and (repeat_of is not null or repeat_count > 0)");
                case "false" -> sql.append(" and repeat_of is null and repeat_count = 0");
                default -> errors.add(Problem.FieldError.of("repeat", "须为 true 或 false", "must be true or false"));
            }
        }
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > 100) {
                errors.add(Problem.FieldError.of("q", "长度不能超过 100", "must have at most 100 characters"));
            }
            // Substring match (Chinese has no word breaks); the trigram index narrows it.
            sql.append(" and description ilike :q escape '\\'");
            params.put("q", "%" + f.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        int limit = 20;
        if (f.limit() != null) {
            try {
                limit = Integer.parseInt(f.limit().strip());
                if (limit < 1 || limit > 100) {
                    outOfRange.add(Problem.FieldError.of("limit", "须为 1 到 100 之间的整数", "must be an integer from 1 to 100"));
                    limit = 20;
                }
            } catch (NumberFormatException e) {
                errors.add(Problem.FieldError.of("limit", "须为 1 到 100 之间的整数", "must be an integer from 1 to 100"));
            }
        }
        if (f.cursor() != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(f.cursor()), StandardCharsets.UTF_8).split("\\|");
                Instant at = Instant.parse(parts[0]);
                UUID id = UUID.fromString(parts[1]);
                if (parts.length != 2 || at.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                        || at.isAfter(Instant.parse("2200-01-01T00:00:00Z"))) {
                    throw new IllegalArgumentException("not a cursor we issued");
                }
                sql.append(" and (recorded_at, id) < (:cAt, :cId)");
                params.put("cAt", Timestamp.from(at));
                params.put("cId", id);
            } catch (RuntimeException e) {
                errors.add(Problem.FieldError.of("cursor", "无效的翻页游标", "is not a cursor from a previous page"));
            }
        }
        Bounds.refuseIfAny(errors, outOfRange);
        return new Built(sql.toString(), params, limit);
    }

    private static LocalDate date(String value, String field, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.of(field, "须为 YYYY-MM-DD 格式的日期", "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    /** Equality on the enum column named like the field, when given; a value not of the enum is a 400 naming the field. */
    private static <E extends Enum<E>> void enumFilter(Class<E> type, String value, String field, String en,
            StringBuilder sql, Map<String, Object> params, List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            params.put(field, Enum.valueOf(type, value).name());
            sql.append(" and ").append(field).append(" = :").append(field);
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.of(field, "取值无效", en));
        }
    }
}
