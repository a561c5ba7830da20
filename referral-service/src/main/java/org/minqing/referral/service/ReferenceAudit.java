package org.minqing.referral.service;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;
import org.minqing.kit.time.AppClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail (审计) of referral's reference data (issue 14, ADR 0021): one
 * {@code reference_change} row per write of a unit or a remit rule, in the write's transaction,
 * with the actor, the time and the record before (null when added) and after.
 */
@ApplicationScoped
public class ReferenceAudit {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    ObjectMapper json;

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

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
