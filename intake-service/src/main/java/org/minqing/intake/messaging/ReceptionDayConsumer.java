package org.minqing.intake.messaging;

import java.time.LocalDate;
import java.time.LocalTime;
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
                ReceptionDayScheduled e = delivery.payload(ReceptionDayScheduled.class);
                ReceptionDay d = upsert(e.receptionDayId(), e.communityCode(), e.date());
                when(d, e.startTime(), e.endTime(), e.place());
                d.roster = roster(e.roster());
                d.cancelled = false;
                save(d);
            }
            case RECEPTION_DAY_RESCHEDULED -> {
                ReceptionDayRescheduled e = delivery.payload(ReceptionDayRescheduled.class);
                ReceptionDay d = upsert(e.receptionDayId(), e.communityCode(), e.date());
                when(d, e.startTime(), e.endTime(), e.place());
                save(d);
            }
            case RECEPTION_DAY_CANCELLED -> {
                ReceptionDayCancelled e = delivery.payload(ReceptionDayCancelled.class);
                ReceptionDay d = upsert(e.receptionDayId(), e.communityCode(), e.date());
                d.cancelled = true;
                save(d);
            }
            case RECEPTION_DAY_ROSTER_CHANGED -> {
                RosterChanged e = delivery.payload(RosterChanged.class);
                ReceptionDay d = upsert(e.receptionDayId(), e.communityCode(), e.date());
                d.roster = roster(e.roster());
                save(d);
            }
            default -> LOG.debugf("ignoring %s", env.type());
        }
    }

    private static void when(ReceptionDay d, LocalTime start, LocalTime end, String place) {
        d.startTime = start;
        d.endTime = end;
        d.place = place;
    }

    /** The day's row (new ones persisted by {@link #save} once filled in: the row has not-null columns). */
    private ReceptionDay upsert(String id, String communityCode, LocalDate day) {
        ReceptionDay d = ReceptionDay.findById(id);
        if (d == null) {
            d = new ReceptionDay();
            d.id = id;
            d.roster = "";
        }
        d.communityCode = communityCode;
        d.day = day;
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
