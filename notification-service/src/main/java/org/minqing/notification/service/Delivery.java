package org.minqing.notification.service;

import java.util.UUID;

import org.minqing.notification.Channel;

/**
 * What one delivery of a notice passes between its steps: the claim (what to send, held without a
 * transaction), the prepared message (where to and what, or why not) and the outcome.
 */
final class Delivery {

    private Delivery() {
    }

    /** What was claimed: everything needed to send without holding a transaction. */
    public record Claimed(UUID id, UUID sourceEventId, String eventType, String correlationId, String jurisdiction,
            String recipientKind, String recipientId, Channel channel, boolean legallyRequired, boolean urgent,
            String params, int attempt, String traceParent) {
    }

    /** Ready to send: where to, what, or why not. */
    public record Prepared(String address, String subject, String body, String userSubject, String caseId, Outcome outcome) {
        static Prepared not(Outcome o) {
            return new Prepared(null, null, null, null, null, o);
        }
    }

    public enum Kind { SENT, RETRY, PERMANENT, SKIP }

    public record Outcome(Kind kind, String reason) {
        static final Outcome SENT = new Outcome(Kind.SENT, null);

        static Outcome retry(String reason) {
            return new Outcome(Kind.RETRY, reason);
        }

        static Outcome permanent(String reason) {
            return new Outcome(Kind.PERMANENT, reason);
        }

        static Outcome skip(String reason) {
            return new Outcome(Kind.SKIP, reason);
        }
    }
}
