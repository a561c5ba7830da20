package org.minqing.referral.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.minqing.kit.scope.Jurisdiction;

/**
 * The representatives (代表) referral-service knows from representative-service's events (L11):
 * a representative route must name one of them who still serves, in the caller's line of the
 * hierarchy (their constituency inside the caller's jurisdiction, or containing it, as a district
 * deputy's does a sub-district's).
 */
@ApplicationScoped
public class KnownRepresentatives {

    public record Known(String id, String constituencyCode, boolean active) {
    }

    @Inject
    EntityManager em;

    public Optional<Known> find(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select id, constituency_code, active from known_representative where id = :id")
                .setParameter("id", id).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Known((String) r[0], String.valueOf(r[1]), Boolean.TRUE.equals(r[2])));
    }

    /** Whether {@code rep} may carry a referral for a caller whose jurisdiction is {@code callerCode}. */
    public static boolean inScope(Known rep, String callerCode) {
        return callerCode != null && Jurisdiction.isValid(rep.constituencyCode())
                && (Jurisdiction.contains(callerCode, rep.constituencyCode())
                        || Jurisdiction.contains(rep.constituencyCode(), callerCode));
    }
}
