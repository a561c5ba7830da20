package org.minqing.intake.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RosterChanged;
import org.minqing.events.representative.RosterEntry;
import org.minqing.intake.ReceptionDay;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.time.AppClock;

import io.smallrye.common.annotation.Blocking;

/** Keeps intake's copy of reception days (接访日) and rosters from representative-service's events. */
@ApplicationScoped
public class ReceptionDayConsumer {

    private static final Logger LOG = Logger.getLogger(ReceptionDayConsumer.class);

    @Inject
    Inbox inbox;

    @Inject
    AppClock clock;

    @Incoming("reception-days")
    @Blocking
    @Transactional
    public void on(String value) {
        Inbox.Delivery delivery = inbox.receive("intake-service", value).orElse(null);
        if (delivery == null) {
            return;
        }
        EventEnvelope env = delivery.envelope();
        EventType type = delivery.type();
        switch (type) {
            case RECEPTION_DAY_SCHEDULED -> {
                ReceptionDayScheduled e = InboundEvents.payload(env, ReceptionDayScheduled.class);
                ReceptionDay d = upsert(e.receptionDayId());
                d.communityCode = e.communityCode();
                d.day = e.date();
                d.startTime = e.startTime();
                d.endTime = e.endTime();
                d.place = e.place();
                d.roster = roster(e.roster());
                d.cancelled = false;
                save(d);
            }
            case RECEPTION_DAY_RESCHEDULED -> {
                ReceptionDayRescheduled e = InboundEvents.payload(env, ReceptionDayRescheduled.class);
                ReceptionDay d = upsert(e.receptionDayId());
                d.communityCode = e.communityCode();
                d.day = e.date();
                d.startTime = e.startTime();
                d.endTime = e.endTime();
                d.place = e.place();
                save(d);
            }
            case RECEPTION_DAY_CANCELLED -> {
                ReceptionDayCancelled e = InboundEvents.payload(env, ReceptionDayCancelled.class);
                ReceptionDay d = upsert(e.receptionDayId());
                d.communityCode = e.communityCode();
                d.day = e.date();
                d.cancelled = true;
                save(d);
            }
            case RECEPTION_DAY_ROSTER_CHANGED -> {
                RosterChanged e = InboundEvents.payload(env, RosterChanged.class);
                ReceptionDay d = upsert(e.receptionDayId());
                d.communityCode = e.communityCode();
                d.day = e.date();
                d.roster = roster(e.roster());
                save(d);
            }
            default -> {
                LOG.debugf("ignoring %s", env.type());
                return;
            }
        }
    }

    private ReceptionDay upsert(String id) {
        ReceptionDay d = ReceptionDay.findById(id);
        if (d == null) {
            // Persisted after the caller has filled it in (the row has not-null columns).
            d = new ReceptionDay();
            d.id = id;
            d.roster = "";
        }
        d.updatedAt = clock.instant();
        return d;
    }

    private static void save(ReceptionDay d) {
        if (!d.isPersistent()) {
            d.persist();
        }
    }

    private static String roster(List<RosterEntry> roster) {
        return String.join(",", roster.stream().map(RosterEntry::representativeId).toList());
    }
}
