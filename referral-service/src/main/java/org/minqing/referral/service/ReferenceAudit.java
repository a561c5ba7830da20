package org.minqing.referral.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;
import org.minqing.kit.time.AppClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail (审计) of referral's reference data (issue 14, ADR 0021): one
 * {@code reference_change} row per write of a unit or a remit rule, in the write's transaction,
 * with the actor, the time and the record before (null when added) and after; read back, newest
 * first, through {@code GET /reference-changes}.
 */
@ApplicationScoped
public class ReferenceAudit {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    ObjectMapper json;

    /** The kinds of reference data whose changes are kept. */
    public static final List<String> KINDS = List.of("UNIT", "ROUTING_RULE", "DEADLINE_POLICY", "CALENDAR_YEAR");

    /** One audited change: who (token subject and role), when, and the record before and after. */
    public record Change(long id, String kind, String key, String action, String actor, String actorRole,
            Instant changedAt, JsonNode before, JsonNode after) {
    }

    /** CREATE when there was nothing before; DEACTIVATE / REACTIVATE when {@code active} flips; else UPDATE. */
    public static String action(Map<String, Object> before, Map<String, Object> after) {
        if (before == null) {
            return "CREATE";
        }
        Object was = before.get("active");
        Object is = after.get("active");
        if (Boolean.TRUE.equals(was) && Boolean.FALSE.equals(is)) {
            return "DEACTIVATE";
        }
        if (Boolean.FALSE.equals(was) && Boolean.TRUE.equals(is)) {
            return "REACTIVATE";
        }
        return "UPDATE";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String kind, String key, Actor actor, Map<String, Object> before, Map<String, Object> after) {
        em.createNativeQuery("""
                insert into reference_change (kind, ref_key, action, actor, actor_role, changed_at, before, after)
                values (:kind, :key, :action, :actor, :role, :at, cast(:before as jsonb), cast(:after as jsonb))""")
                .setParameter("kind", kind).setParameter("key", key).setParameter("action", action(before, after))
                .setParameter("actor", actor.subject()).setParameter("role", actor.role())
                .setParameter("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .setParameter("before", before == null ? null : write(before)).setParameter("after", write(after))
                .executeUpdate();
    }

    /**
     * Changes newest first, optionally of one kind and one key, older than {@code beforeId} (the
     * previous page's last id: keyset paging, stable while rows are added).
     */
    public List<Change> list(String kind, String key, Long beforeId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, kind, ref_key, action, actor, actor_role, changed_at, cast(before as text), cast(after as text)
                from reference_change
                where (cast(:kind as text) is null or kind = :kind) and (cast(:key as text) is null or ref_key = :key)
                  and (cast(:before as bigint) is null or id < :before)
                order by id desc limit :limit""")
                .setParameter("kind", kind).setParameter("key", key).setParameter("before", beforeId)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new Change(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], instant(r[6]), read((String) r[7]), read((String) r[8]))).toList();
    }

    private static Instant instant(Object at) {
        return at instanceof Instant i ? i : at instanceof OffsetDateTime o ? o.toInstant() : ((Timestamp) at).toInstant();
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
