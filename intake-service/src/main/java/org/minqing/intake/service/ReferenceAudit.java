package org.minqing.intake.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail (审计) of intake's reference data, communities and lines (issue 14, ADR 0021): one
 * {@code reference_change} row per write, in the write's transaction, with the actor, the time and
 * the record before (null when added) and after; once that transaction commits, {@link Catalogue}
 * forgets its copy ({@link Changed}) so the next read sees the change.
 */
@ApplicationScoped
public class ReferenceAudit {

    @Inject
    EntityManager em;

    @Inject
    Event<Changed> changed;

    @Inject
    ObjectMapper json;

    /** Fired with each audited write; the {@link Catalogue} forgets its copy once the write's transaction commits. */
    public record Changed(String kind, String key) {
    }

    /** Writes the row of one change made at {@code at} and has the catalogue invalidated on commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String kind, String key, Actor actor, Instant at, Map<String, Object> before,
            Map<String, Object> after) {
        em.createNativeQuery("""
                insert into reference_change (kind, ref_key, action, actor, actor_role, changed_at, before, after)
                values (:kind, :key, :action, :actor, :role, :at, cast(:before as jsonb), cast(:after as jsonb))""")
                .setParameter("kind", kind).setParameter("key", key).setParameter("action", action(before, after))
                .setParameter("actor", actor.subject()).setParameter("role", actor.role())
                .setParameter("at", Timestamp.from(at))
                .setParameter("before", before == null ? null : write(before)).setParameter("after", write(after))
                .executeUpdate();
        changed.fire(new Changed(kind, key));
    }

    /** CREATE when there was nothing before; DEACTIVATE / REACTIVATE when {@code active} flips; else UPDATE. */
    private static String action(Map<String, Object> before, Map<String, Object> after) {
        if (before == null) {
            return "CREATE";
        }
        boolean was = (Boolean) before.get("active");
        boolean is = (Boolean) after.get("active");
        return was == is ? "UPDATE" : is ? "REACTIVATE" : "DEACTIVATE";
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
