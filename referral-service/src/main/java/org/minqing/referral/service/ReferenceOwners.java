package org.minqing.referral.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.EventEnvelope;
import org.minqing.kit.piece.Ownership;
import org.minqing.kit.piece.Piece;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.referral.HandlingUnit.UnitTier;

/**
 * Which piece (部署单元) keeps a handling unit or a remit rule (issue 14, ADR 0024), by the ownership
 * table's longest prefix as for everything else (ADR 0018). A unit belongs to the piece owning its
 * jurisdiction, except that district and city units are the district's (root) piece's whatever their
 * code; a rule to the piece owning its scope. A code no entry covers (a city unit's 310100…) is the
 * root piece's. Only the owner writes and announces; every other piece keeps a copy from the events.
 * Without a table this deployment owns them all.
 */
@ApplicationScoped
public class ReferenceOwners {

    @Inject
    Ownership ownership;

    @Inject
    EntityManager em;

    /**
     * Whether this piece published the event itself (its outbox holds it): it wrote the change with the
     * event, so applying it again could only add a second audit row. Without a table every unit and
     * rule event is this deployment's. Not "every event of a unit this piece keeps": a piece that joins
     * adopts its sub-district's units and rules from the events the district's piece published while it
     * kept them (ADR 0024).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean publishedHere(EventEnvelope env) {
        return piece().ownsEverything() || ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where event_id = :e").setParameter("e", env.eventId())
                .getSingleResult()).longValue() > 0;
    }

    private Piece piece() {
        return ownership.piece();
    }

    /** The piece keeping a unit of this tier and jurisdiction; null without a table (this one). */
    public String ownerOfUnit(UnitTier tier, String jurisdiction) {
        if (piece().ownsEverything()) {
            return null;
        }
        if (tier == UnitTier.DISTRICT || tier == UnitTier.CITY) {
            return root();
        }
        return ownerOfCode(jurisdiction);
    }

    /** The piece keeping the rules of this scope; null without a table (this one). */
    public String ownerOfScope(String scopeCode) {
        return piece().ownsEverything() ? null : ownerOfCode(scopeCode);
    }

    public boolean ownsUnit(UnitTier tier, String jurisdiction) {
        String owner = ownerOfUnit(tier, jurisdiction);
        return owner == null || owner.equals(piece().id().orElse(null));
    }

    public boolean ownsScope(String scopeCode) {
        String owner = ownerOfScope(scopeCode);
        return owner == null || owner.equals(piece().id().orElse(null));
    }

    /**
     * A unit is written only where it is kept: the unit as it is (if it exists) and as it will be.
     * Otherwise 409 {@code jurisdiction-of-another-piece} naming {@code jurisdiction} and the owner.
     */
    public void requireUnitOwned(UnitTier currentTier, String currentJurisdiction, UnitTier tier, String jurisdiction) {
        if (currentTier != null && !ownsUnit(currentTier, currentJurisdiction)) {
            throw refused("jurisdiction", "该承办单位", "this handling unit", ownerOfUnit(currentTier, currentJurisdiction));
        }
        if (!ownsUnit(tier, jurisdiction)) {
            throw refused("jurisdiction", "该辖区和层级的承办单位", "a handling unit of this jurisdiction and tier",
                    ownerOfUnit(tier, jurisdiction));
        }
    }

    /** A rule is written only in the piece owning its scope: 409 naming {@code scopeCode} and the owner. */
    public void requireScopeOwned(String scopeCode) {
        if (!ownsScope(scopeCode)) {
            throw refused("scopeCode", "该范围的转办规则", "remit rules of this scope", ownerOfScope(scopeCode));
        }
    }

    private String ownerOfCode(String code) {
        return piece().table().ownerOf(code == null ? null : code.trim()).orElseGet(this::root);
    }

    private String root() {
        return piece().table().rootCandidates().stream().findFirst().orElse(null);
    }

    private static ProblemException refused(String field, String zhWhat, String enWhat, String owner) {
        String zh = "字段 " + field + "：" + zhWhat + "由部署单元 " + owner + " 维护，请在其工作台修改，修改会自动同步到这里";
        String en = "field " + field + ": " + enWhat + " is maintained by piece " + owner
                + "; change it there, the change reaches this piece by events";
        return ProblemException.conflict("jurisdiction-of-another-piece", zh, en, List.of(Problem.FieldError.of(field, zh, en)));
    }
}
