package org.minqing.representative.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;

import io.quarkus.scheduler.Scheduled;

/**
 * Nightly: a confirmed representative with no attendance on a reception day that is over is
 * recorded absent (缺席), so the absence is visible in the archive and an event goes out.
 */
@ApplicationScoped
public class AbsenceMarker {

    private static final Logger LOG = Logger.getLogger(AbsenceMarker.class);

    @Inject
    ReceptionDayService receptionDays;

    @Scheduled(cron = "{minqing.absence.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markAbsences() {
        int n = receptionDays.recordAllAbsences(Actor.system("representative-service"));
        if (n < 0) {
            LOG.debug("another replica is marking absences; skipped");
        } else if (n > 0) {
            LOG.infof("recorded %d absence(s) from past reception days", n);
        }
    }
}
