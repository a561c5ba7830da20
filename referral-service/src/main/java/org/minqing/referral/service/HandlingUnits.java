package org.minqing.referral.service;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.UnitTier;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.referral.HandlingUnit;

/**
 * Handling units (承办单位) as reference data: listed, looked up, and added or changed without a
 * release. A unit is deactivated, never deleted, so its referrals keep their history. Every change
 * goes out as {@code referral.unit.changed} through the outbox, in the same transaction: the one
 * source of the unit's contact and account name for notification-service (issue 14).
 */
@ApplicationScoped
public class HandlingUnits {

    @Inject
    Outbox outbox;

    @Inject
    ReferenceAudit audit;

    @Inject
    ReferenceOwners owners;

    private static final java.util.regex.Pattern JURISDICTION = java.util.regex.Pattern.compile("\\d{12}");
    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]+");

    /** What an operator sets on a unit. The contact is the office's (a duty mailbox, an office phone). */
    public record UnitFields(
            @NotBlank @Size(max = 200) String name,
            @NotNull HandlingUnit.UnitTier tier,
            @NotBlank @Size(max = 500) String lines,
            @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String jurisdiction,
            @Size(max = 100) String contactName,
            @Size(max = 50) String contactPhone,
            @Email(message = "不是有效的电子邮箱 / not a valid e-mail address") @Size(max = 200) String contactEmail,
            @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._@-]+",
                    message = "须为单位登录的账号名 / must be the account name the unit signs in with") String userSubject,
            Boolean active) {
    }

    public List<HandlingUnit> list(HandlingUnit.UnitTier tier, String line) {
        return HandlingUnit.<HandlingUnit>listAll().stream()
                .filter(u -> tier == null || u.tier == tier)
                .filter(u -> line == null || u.handlesLine(line))
                .sorted(Comparator.comparing(u -> u.jurisdiction))
                .toList();
    }

    public HandlingUnit get(UUID id) {
        HandlingUnit u = HandlingUnit.findById(id);
        if (u == null) {
            throw ProblemException.notFound("承办单位 / handling unit");
        }
        return u;
    }

    /**
     * Adds the unit under {@code id}, or changes it, and announces its new state; only within what
     * the caller may maintain ({@link ReferenceEditors}: 403 before anything is written) and only in
     * the piece that keeps the unit ({@link ReferenceOwners}: 409 naming {@code jurisdiction}; the
     * other pieces keep copies from its events, ADR 0024).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public HandlingUnit put(UUID id, UnitFields f, CallerScope scope) {
        HandlingUnit u = HandlingUnit.findById(id);
        ReferenceEditors.requireMayWriteUnit(scope, u, f.tier(), f.jurisdiction());
        owners.requireUnitOwned(u == null ? null : u.tier, u == null ? null : u.jurisdiction, f.tier(), f.jurisdiction());
        Actor actor = scope.actor();
        boolean created = u == null;
        Map<String, Object> before = created ? null : audited(u);
        if (created) {
            u = new HandlingUnit();
            u.id = id;
        }
        u.name = f.name();
        u.tier = f.tier();
        u.lines = f.lines().replace(" ", "");
        u.jurisdiction = f.jurisdiction();
        u.contactName = blankToNull(f.contactName());
        u.contactPhone = blankToNull(f.contactPhone());
        u.contactEmail = blankToNull(f.contactEmail());
        u.userSubject = blankToNull(f.userSubject());
        u.active = f.active() == null || f.active();
        if (created) {
            u.persist();
        }
        announce(u, actor);
        audit.record("UNIT", u.id.toString(), actor, before, audited(u));
        return u;
    }

    /**
     * Issue 14 (ADR 0024): applies the state of a unit another piece keeps, announced on
     * {@code minqing.referral.unit}, so this piece routes and suggests with it. Equal values (a replay
     * under a new id, a re-save) change nothing and leave no audit row; a change is audited with the
     * event's actor. Values outside what the unit API admits are a poison message (dead-lettered).
     * The copy counts as announced: its owner already published it, this piece never re-announces it.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyCopy(HandlingUnitChanged p, Actor actor) {
        UUID id = copyId(p);
        String lines = p.lines() == null ? "" : String.join(",", p.lines());
        if (p.name() == null || p.name().isBlank() || p.name().length() > 200 || p.tier() == null || lines.isEmpty()
                || lines.length() > 500 || p.lines().stream().anyMatch(l -> l == null || l.isBlank() || l.contains(",") || l.contains(" "))
                || p.jurisdiction() == null || !JURISDICTION.matcher(p.jurisdiction()).matches()
                || tooLong(p.contactName(), 100) || tooLong(p.contactPhone(), 50) || tooLong(p.contactEmail(), 200)
                || (p.contactEmail() != null && !p.contactEmail().isBlank() && !p.contactEmail().contains("@"))
                || tooLong(p.userSubject(), 200)
                || (p.userSubject() != null && !p.userSubject().isBlank() && !ACCOUNT.matcher(p.userSubject()).matches())) {
            throw new PoisonMessageException("handling unit " + p.unitId() + " outside what this piece admits");
        }
        HandlingUnit u = HandlingUnit.findById(id);
        Map<String, Object> before = u == null ? null : audited(u);
        HandlingUnit next = new HandlingUnit();
        next.name = p.name();
        next.tier = HandlingUnit.UnitTier.valueOf(p.tier().name());
        next.lines = lines;
        next.jurisdiction = p.jurisdiction();
        next.contactName = blankToNull(p.contactName());
        next.contactPhone = blankToNull(p.contactPhone());
        next.contactEmail = blankToNull(p.contactEmail());
        next.userSubject = blankToNull(p.userSubject());
        next.active = p.active();
        Map<String, Object> after = audited(next);
        if (after.equals(before)) {
            u.announced = true;
            return false;
        }
        if (u == null) {
            u = next;
            u.id = id;
        } else {
            u.name = next.name;
            u.tier = next.tier;
            u.lines = next.lines;
            u.jurisdiction = next.jurisdiction;
            u.contactName = next.contactName;
            u.contactPhone = next.contactPhone;
            u.contactEmail = next.contactEmail;
            u.userSubject = next.userSubject;
            u.active = next.active;
        }
        u.announced = true;
        if (before == null) {
            u.persist();
        }
        audit.record("UNIT", id.toString(), actor, before, after);
        return true;
    }

    private static UUID copyId(HandlingUnitChanged p) {
        try {
            return UUID.fromString(p.unitId());
        } catch (RuntimeException e) {
            throw new PoisonMessageException("handling unit id " + p.unitId() + " is not a UUID");
        }
    }

    private static boolean tooLong(String s, int max) {
        return s != null && s.length() > max;
    }

    /** What the audit keeps of a unit: every field an operator sets. */
    private static Map<String, Object> audited(HandlingUnit u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name);
        m.put("tier", u.tier.name());
        m.put("lines", u.lines);
        m.put("jurisdiction", u.jurisdiction == null ? null : u.jurisdiction.trim());
        m.put("contactName", u.contactName);
        m.put("contactPhone", u.contactPhone);
        m.put("contactEmail", u.contactEmail);
        m.put("userSubject", u.userSubject);
        m.put("active", u.active);
        return m;
    }

    /** Writes the unit's current state as an event, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(HandlingUnit u, Actor actor) {
        List<String> lines = Arrays.stream(u.lines.split(",")).map(String::trim).filter(l -> !l.isEmpty()).toList();
        var payload = new HandlingUnitChanged(u.id.toString(), u.name, UnitTier.valueOf(u.tier.name()), lines,
                u.jurisdiction.trim(), u.active, u.contactName, u.contactEmail, u.contactPhone, u.userSubject);
        outbox.publish(EventType.UNIT_CHANGED.topic().topic(),
                EventEnvelope.of(EventType.UNIT_CHANGED, u.jurisdiction.trim(), u.id.toString(), null, actor, payload));
        u.announced = true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
