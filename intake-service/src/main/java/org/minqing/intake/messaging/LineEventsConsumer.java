package org.minqing.intake.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.LineChanged;
import org.minqing.intake.service.Lines;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;

/**
 * Issue 14 (ADR 0021): a sub-district's piece keeps the district's lines (条线) from
 * {@code minqing.intake.reference}, so its cases take the district's current lines. Idempotent
 * through the inbox; a malformed or out-of-bounds event is a poison message (dead-lettered to
 * {@code minqing.intake.reference.dlt.intake}).
 * <p>
 * The district's piece is their source and already wrote each change with its event: it skips them
 * here (acknowledged, not recorded), so nothing is applied or audited twice.
 */
@ApplicationScoped
public class LineEventsConsumer {

    static final String CONSUMER = "intake-service";
    private static final Logger LOG = Logger.getLogger(LineEventsConsumer.class);

    @Inject
    Inbox inbox;

    @Inject
    Lines lines;

    @Incoming("intake-reference")
    @Blocking // ordered: one message at a time per partition (a line's events share its key)
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        if (lines.isSource()) {
            LOG.debugf("skips %s %s: this piece is the source of the district's lines", env.type(), env.eventId());
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> apply(env));
    }

    void apply(EventEnvelope env) {
        inbox.receive(CONSUMER, env).ifPresent(d -> {
            if (d.type() == EventType.LINE_CHANGED) {
                lines.apply(d.payload(LineChanged.class), env.actor());
            }
        });
    }
}
