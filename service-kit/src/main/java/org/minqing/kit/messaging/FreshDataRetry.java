package org.minqing.kit.messaging;

import java.util.function.Consumer;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies an event in its own transaction, and again on fresh data when it met a concurrent change
 * (optimistic lock, M5: a rating or a staff action on the same record at that moment), up to
 * {@link #ATTEMPTS} times. A conflict is not a poison message: dead-lettering it would lose the event.
 */
public final class FreshDataRetry {

    private static final Logger LOG = Logger.getLogger(FreshDataRetry.class);
    public static final int ATTEMPTS = 5;

    private FreshDataRetry() {
    }

    public static void apply(EventEnvelope env, Consumer<EventEnvelope> effect) {
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> effect.accept(env));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !concurrentChange(e)) {
                    throw e;
                }
                LOG.debugf("event %s met a concurrent change; attempt %d", env.eventId(), attempt + 1);
            }
        }
    }

    public static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
