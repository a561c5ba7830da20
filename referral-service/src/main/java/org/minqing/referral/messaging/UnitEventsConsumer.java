package org.minqing.referral.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.referral.service.HandlingUnits;
import org.minqing.referral.service.ReferenceOwners;

/**
 * Issue 14 (ADR 0024): this piece keeps copies of the handling units (承办单位) other pieces keep, from
 * {@code minqing.referral.unit}, so a unit added in the district's piece is routable and suggested
 * here at once. Idempotent through the inbox; a malformed or out-of-bounds unit is a poison message
 * (dead-lettered to {@code minqing.referral.unit.dlt.referral}).
 * <p>
 * An event this piece published itself (its own write, in its outbox) is skipped before the inbox
 * (acknowledged, not recorded), so nothing is applied or audited twice. A unit this piece keeps but did
 * not publish (the district's piece kept it before this piece joined) is adopted from its events.
 */
@ApplicationScoped
public class UnitEventsConsumer {

    static final String CONSUMER = "referral-service";
    private static final Logger LOG = Logger.getLogger(UnitEventsConsumer.class);

    @Inject
    Inbox inbox;

    @Inject
    HandlingUnits units;

    @Inject
    ReferenceOwners owners;

    @Incoming("units")
    @Blocking // ordered: one message at a time per partition (a unit's events share its key)
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        QuarkusTransaction.requiringNew().run(() -> apply(env));
    }

    void apply(EventEnvelope env) {
        if (owners.publishedHere(env)) {
            LOG.debugf("skips %s %s: this piece published it", env.type(), env.eventId());
            return;
        }
        inbox.receive(CONSUMER, env).ifPresent(d -> {
            if (d.type() == EventType.UNIT_CHANGED) {
                units.applyCopy(d.payload(HandlingUnitChanged.class), env.actor());
            }
        });
    }
}
