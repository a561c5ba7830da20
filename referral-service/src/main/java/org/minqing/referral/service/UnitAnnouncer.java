package org.minqing.referral.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.referral.HandlingUnit;

import io.quarkus.runtime.StartupEvent;

/**
 * Announces, once, the handling units a migration wrote without an event (the demo district's, a
 * deployment's own data migration, and every unit when the version with unit events first starts):
 * their {@code announced} flag is false. Through the outbox like any change, so notification-service
 * knows every unit's contact without a second copy (issue 14, ADR 0019). Rows are locked and
 * skipped if locked, so two instances starting together announce each unit once. A piece announces
 * only the units it keeps ({@link ReferenceOwners}, ADR 0024): the district's units in a
 * sub-district's database (the demo migration writes every unit everywhere) are the district's piece's
 * to announce; their copies here are marked announced when its events arrive.
 */
@ApplicationScoped
public class UnitAnnouncer {

    static final Actor SYSTEM = Actor.system("referral-service");
    private static final Logger LOG = Logger.getLogger(UnitAnnouncer.class);

    @Inject
    EntityManager em;
    @Inject
    HandlingUnits units;
    @Inject
    ReferenceOwners owners;

    void onStart(@Observes StartupEvent event) {
        int n = announceUnannounced();
        if (n > 0) {
            LOG.infof("announced %d handling unit(s) written without an event", n);
        }
    }

    @Transactional
    public int announceUnannounced() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery(
                "select id from handling_unit where not announced order by id for update skip locked")
                .getResultList();
        int announced = 0;
        for (UUID id : ids) {
            HandlingUnit u = HandlingUnit.findById(id);
            if (owners.ownsUnit(u.tier, u.jurisdiction)) {
                units.announce(u, SYSTEM);
                announced++;
            }
        }
        return announced;
    }
}
