package org.minqing.intake.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.kit.time.AppClock;

/** Writes who read a case's full personal data, when, where and why (个人信息查阅记录). */
@ApplicationScoped
public class AccessLog {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, String who, String role, String purpose, String endpoint) {
        em.createNativeQuery("""
                insert into personal_data_access (case_id, accessed_by, role, purpose, endpoint, accessed_at)
                values (:c, :w, :r, :p, :e, :t)""")
                .setParameter("c", caseId)
                .setParameter("w", who)
                .setParameter("r", role)
                .setParameter("p", purpose)
                .setParameter("e", endpoint)
                .setParameter("t", clock.instant())
                .executeUpdate();
    }
}
