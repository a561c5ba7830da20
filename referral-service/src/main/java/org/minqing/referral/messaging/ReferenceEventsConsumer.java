package org.minqing.referral.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.CalendarYearChanged;
import org.minqing.events.referral.DeadlinePolicyChanged;
import org.minqing.events.referral.RoutingRuleChanged;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.referral.service.DistrictReference;
import org.minqing.referral.service.ReferenceOwners;
import org.minqing.referral.service.RoutingRules;

/**
 * Issue 14 (ADR 0021): a sub-district's piece keeps the district's deadline policies (办理时限) and
 * working calendar (工作日历) from {@code minqing.referral.reference}, so its deadlines are computed on
 * the district's current data. Idempotent through the inbox; a malformed or out-of-bounds event is a
 * poison message (dead-lettered to {@code minqing.referral.reference.dlt.referral}).
 * <p>
 * The district's piece is their source and already wrote each change with its event: it skips them
 * here (acknowledged, not recorded), so nothing is applied or audited twice.
 * <p>
 * Remit rules (转办规则, ADR 0024) travel here too: every piece keeps copies of the rules other pieces
 * write, and skips the events it published itself (in its outbox).
 */
@ApplicationScoped
public class ReferenceEventsConsumer {

    static final String CONSUMER = "referral-service";
    private static final Logger LOG = Logger.getLogger(ReferenceEventsConsumer.class);

    @Inject
    Inbox inbox;

    @Inject
    DistrictReference reference;

    @Inject
    RoutingRules rules;

    @Inject
    ReferenceOwners owners;

    @Incoming("reference")
    @Blocking // ordered: one message at a time per partition (a policy's or a year's events share its key)
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        if (env.eventType().orElse(null) == EventType.ROUTING_RULE_CHANGED) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (owners.publishedHere(env)) {
                    LOG.debugf("skips %s %s: this piece published it", env.type(), env.eventId());
                    return;
                }
                apply(env);
            });
            return;
        }
        if (reference.isSource()) {
            LOG.debugf("skips %s %s: this piece is the source of the district's reference data", env.type(), env.eventId());
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> apply(env));
    }

    void apply(EventEnvelope env) {
        inbox.receive(CONSUMER, env).ifPresent(d -> {
            if (d.type() == EventType.DEADLINE_POLICY_CHANGED) {
                reference.applyPolicy(d.payload(DeadlinePolicyChanged.class), env.actor());
            } else if (d.type() == EventType.CALENDAR_YEAR_CHANGED) {
                reference.applyYear(d.payload(CalendarYearChanged.class), env.actor());
            } else if (d.type() == EventType.ROUTING_RULE_CHANGED) {
                rules.applyCopy(d.payload(RoutingRuleChanged.class), env.actor());
            }
        });
    }
}
