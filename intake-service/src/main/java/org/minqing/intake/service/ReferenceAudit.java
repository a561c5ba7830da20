package org.minqing.intake.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.minqing.events.Actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail (审计) of intake's reference data, communities and lines (issue 14, ADR 0021): one
 * {@code reference_change} row per write, in the write's transaction, with the actor, the time and
 * the record before (null when added) and after; once that transaction commits, {@link Catalogue}
 * forgets its copy so the next read sees the change.
 */
@ApplicationScoped
public class ReferenceAudit {

    @Inject
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry tx;

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
        tx.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    catalogue.invalidate();
                }
            }
        });
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
