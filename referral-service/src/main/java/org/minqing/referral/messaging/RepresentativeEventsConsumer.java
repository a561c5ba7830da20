package org.minqing.referral.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RepresentativeUpdated;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;

/**
 * Representative-service's people events keep {@code known_representative} (L11): the
 * representatives (代表) a referral may be routed through, where they serve and whether they still
 * do. Their sealed contacts are ignored: referral-service holds no key to open them.
 */
@ApplicationScoped
public class RepresentativeEventsConsumer {

    static final String CONSUMER = "referral-service";

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Incoming("representatives")
    @Blocking // ordered: one message at a time per partition (key = representative id)
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        QuarkusTransaction.requiringNew().run(() -> apply(env));
    }

    void apply(EventEnvelope env) {
        inbox.receive(CONSUMER, env).ifPresent(d -> {
            if (d.type() == EventType.REPRESENTATIVE_REGISTERED) {
                RepresentativeRegistered p = d.payload(RepresentativeRegistered.class);
                upsert(p.representativeId(), p.constituencyCode(), p.active(), env);
            } else if (d.type() == EventType.REPRESENTATIVE_UPDATED) {
                RepresentativeUpdated p = d.payload(RepresentativeUpdated.class);
                upsert(p.representativeId(), p.constituencyCode(), p.active(), env);
            }
        });
    }

    private void upsert(String id, String constituency, boolean active, EventEnvelope env) {
        // an older event (redelivered after a newer one) must not undo the newer state
        em.createNativeQuery("""
                insert into known_representative (id, constituency_code, active, updated_at)
                values (:id, :c, :a, :at)
                on conflict (id) do update set constituency_code = excluded.constituency_code,
                    active = excluded.active, updated_at = excluded.updated_at
                where known_representative.updated_at <= excluded.updated_at""")
                .setParameter("id", id).setParameter("c", constituency).setParameter("a", active)
                .setParameter("at", env.occurredAt()).executeUpdate();
    }
}
