package org.minqing.intake.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.minqing.events.Events;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.time.AppClock;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Idempotency keys of case recordings (幂等键): the first request under a caller's key claims it for
 * the new case; a retry of the same request finds that case; a different request under the same key
 * is refused. A concurrent claim of the same key waits for the first to commit, then sees it.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    /** Empty when {@code caseId} now holds the key; else the case an identical earlier request recorded. */
    public Optional<UUID> claim(String caller, String key, Object request, UUID caseId) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.validation("Idempotency-Key", "长度须在 1 到 200 之间", "must have 1 to 200 characters");
        }
        String hash = requestHash(request);
        int inserted = em.createNativeQuery("""
                insert into idempotency_key (caller, idem_key, request_hash, case_id, created_at)
                values (:caller, :key, :hash, :case, :at) on conflict do nothing""")
                .setParameter("caller", caller).setParameter("key", key)
                .setParameter("hash", hash).setParameter("case", caseId).setParameter("at", clock.instant())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery(
                "select request_hash, case_id from idempotency_key where caller = :caller and idem_key = :key")
                .setParameter("caller", caller).setParameter("key", key).getSingleResult();
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key",
                    "该幂等键已用于另一份不同的登记", "this key was already used for a different request");
        }
        return Optional.of((UUID) row[1]);
    }

    private static String requestHash(Object req) {
        try {
            byte[] json = Events.mapper().writeValueAsBytes(req);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
