package org.minqing.representative.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.representative.Representative;

/**
 * Who may see and change what, on top of {@link CallerScope}: staff see their jurisdiction
 * (community, sub-district or district), a representative sees and edits only their own archive,
 * and contact data is shown in full only to staff whose scope contains the record.
 */
@RequestScoped
public class Access {

    @Inject
    CallerScope scope;

    public CallerScope scope() {
        return scope;
    }

    /** The caller's own jurisdiction code, failing closed (403) without one. */
    public String scopeCode() {
        scope.likePrefix();
        return scope.jurisdiction().orElseThrow();
    }

    /**
     * L10: a representative the caller may put on a roster or be told about: their constituency
     * inside the caller's jurisdiction, or containing it (a district deputy serves every
     * sub-district of the district). A neighbour's representative is neither.
     */
    public boolean inCallersLine(String constituencyCode) {
        return scope.maySee(constituencyCode) || scope.jurisdiction()
                .map(own -> org.minqing.kit.scope.Jurisdiction.contains(constituencyCode, own)).orElse(false);
    }

    public boolean isStaff() {
        return scope.hasAnyRole(Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF);
    }

    /** Full contact for staff of that scope; everybody else gets it masked. */
    public boolean seesContactOf(String code) {
        return isStaff() && scope.maySee(code);
    }

    public boolean isRepresentative(UUID representativeId) {
        return scope.hasRole(Roles.REPRESENTATIVE)
                && scope.representativeId().map(id -> id.equalsIgnoreCase(representativeId.toString())).orElse(false);
    }

    /** A representative visible to the caller, or 404 (a neighbour cannot learn it exists). */
    public Representative visibleRepresentative(UUID id) {
        Representative r = Representative.findById(id);
        if (r == null || !(isRepresentative(id) || scope.maySee(r.constituencyCode))) {
            throw ProblemException.notFound("代表");
        }
        return r;
    }

    /**
     * The owner of a duty archive the caller may read: the representative themself, or staff whose
     * scope contains the representative's constituency. Other representatives get 404.
     */
    public Representative archiveOwner(UUID id) {
        Representative r = Representative.findById(id);
        if (r == null) {
            throw ProblemException.notFound("代表履职档案");
        }
        if (isRepresentative(id)) {
            return r;
        }
        if (isStaff() && scope.maySee(r.constituencyCode)) {
            return r;
        }
        throw ProblemException.notFound("代表履职档案");
    }

    /** As {@link #archiveOwner} for writes: staff of that scope or the representative themself. */
    public Representative archiveWriter(UUID id) {
        return archiveOwner(id);
    }

    /** For an update: visible as above, and locked so two concurrent edits apply one after the other. */
    public Representative lockedRepresentative(UUID id) {
        Representative r = Representative.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !scope.maySee(r.constituencyCode)) {
            throw ProblemException.notFound("代表");
        }
        return r;
    }

    /** Full voter contact data only for the representative who keeps the list. */
    public boolean seesVoterContact(UUID representativeId) {
        return isRepresentative(representativeId);
    }
}
