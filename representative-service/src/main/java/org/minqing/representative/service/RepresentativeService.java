package org.minqing.representative.service;

import static org.minqing.representative.service.EncryptedFields.LIAISON_OFFICER_EMAIL;
import static org.minqing.representative.service.EncryptedFields.LIAISON_OFFICER_PHONE;
import static org.minqing.representative.service.EncryptedFields.REPRESENTATIVE_EMAIL;
import static org.minqing.representative.service.EncryptedFields.REPRESENTATIVE_PHONE;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.representative.LiaisonOfficerRegistered;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RepresentativeUpdated;
import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.representative.LiaisonOfficer;
import org.minqing.representative.Representative;
import org.minqing.representative.mapping.Requests.LiaisonOfficerRequest;
import org.minqing.representative.mapping.Requests.RepresentativeRequest;

/** Registers and updates representatives (代表/委员) and liaison officers, with their events. */
@ApplicationScoped
public class RepresentativeService {

    @Inject
    FieldCipher cipher;

    @Inject
    Outbox outbox;

    @Inject
    EventContacts contacts;

    /**
     * Checks Bean Validation cannot express: term order, a deputy's level, a real division code.
     * {@code field} maps a request property to the name the caller used (JSON property or CSV column).
     */
    public static void semanticChecks(RepresentativeRequest r, Checks checks, java.util.function.UnaryOperator<String> field) {
        // sane dates (H3): a term outside 2000–2100 is a typo, not a term
        for (var d : java.util.Map.of("termStart", java.util.Optional.ofNullable(r.termStart()),
                "termEnd", java.util.Optional.ofNullable(r.termEnd())).entrySet()) {
            d.getValue().filter(v -> v.isBefore(org.minqing.kit.problem.Bounds.EARLIEST) || v.isAfter(org.minqing.kit.problem.Bounds.LATEST))
                    .ifPresent(v -> checks.add(field.apply(d.getKey()), "日期须在 2000-01-01 到 2100-12-31 之间",
                            "the date must be between 2000-01-01 and 2100-12-31"));
        }
        if (r.termStart() != null && r.termEnd() != null && r.termEnd().isBefore(r.termStart())) {
            checks.add(field.apply("termEnd"), "任期结束日期不能早于任期开始日期", "the term must not end before it starts");
        }
        if (r.kind() == RepresentativeKind.NPC_DEPUTY && r.level() == null) {
            checks.add(field.apply("level"), "人大代表须注明级别（市级或区级）", "a people's congress deputy needs a level (CITY or DISTRICT)");
        }
        if (r.constituencyCode() != null && r.constituencyCode().matches("\\d{12}") && !Jurisdiction.isValid(r.constituencyCode())) {
            checks.add(field.apply("constituencyCode"), "不是有效的区划代码", "is not a valid division code");
        }
    }

    @Transactional
    public Representative register(RepresentativeRequest r, Actor actor) {
        Checks checks = new Checks();
        semanticChecks(r, checks, f -> f);
        checks.throwIfAny();
        return registerChecked(r, actor);
    }

    /** Registers a request already checked (single or as part of a roster import, same transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Representative registerChecked(RepresentativeRequest r, Actor actor) {
        if (r.id() != null && Representative.findById(r.id()) != null) {
            throw ProblemException.conflict("representative-exists", "编号为 " + r.id() + " 的代表已登记",
                    "a representative with id " + r.id() + " is already registered");
        }
        requirePhoneFree(r.phone(), null);
        Representative rep = new Representative();
        rep.id = r.id() != null ? r.id() : UUID.randomUUID();
        apply(rep, r);
        rep.createdAt = rep.updatedAt;
        rep.persist();
        announce(EventType.REPRESENTATIVE_REGISTERED, rep, r, actor);
        return rep;
    }

    @Transactional
    public Representative update(Representative rep, RepresentativeRequest r, Actor actor) {
        Checks checks = new Checks();
        semanticChecks(r, checks, f -> f);
        if (r.id() != null && !r.id().equals(rep.id)) {
            checks.add("id", "不能修改代表编号", "the id cannot be changed");
        }
        checks.throwIfAny();
        requirePhoneFree(r.phone(), rep.id);
        apply(rep, r);
        announce(EventType.REPRESENTATIVE_UPDATED, rep, r, actor);
        return rep;
    }

    private void requirePhoneFree(String phone, UUID except) {
        if (phone != null && phoneTaken(phone, except)) {
            throw ProblemException.conflict("phone-taken", "该手机号已登记给另一位代表",
                    "this phone number is already registered to another representative");
        }
    }

    /** The representative as {@code type} (registered or updated) says it, contacts sealed for that event. */
    private void announce(EventType type, Representative rep, RepresentativeRequest r, Actor actor) {
        String id = rep.id.toString();
        String email = contacts.seal(type, id, "email", r.email());
        String mobile = contacts.seal(type, id, "mobile", r.phone());
        Object payload = type == EventType.REPRESENTATIVE_REGISTERED
                ? new RepresentativeRegistered(id, rep.name, rep.kind, rep.level, rep.constituencyCode,
                        rep.liaisonStation, rep.active, rep.userSubject, email, mobile)
                : new RepresentativeUpdated(id, rep.name, rep.kind, rep.level, rep.constituencyCode,
                        rep.liaisonStation, rep.active, rep.userSubject, email, mobile);
        outbox.publish(Topics.REPRESENTATIVE.topic(),
                EventEnvelope.of(type, rep.constituencyCode, id, null, actor, payload));
    }

    public boolean phoneTaken(String phone, UUID except) {
        List<Representative> same = Representative.list("phoneIndex", cipher.blindIndex(phone));
        return same.stream().anyMatch(x -> !x.id.equals(except));
    }

    private void apply(Representative rep, RepresentativeRequest r) {
        rep.name = r.name().trim();
        rep.kind = r.kind();
        rep.level = r.level();
        rep.termStart = r.termStart();
        rep.termEnd = r.termEnd();
        rep.constituencyCode = r.constituencyCode();
        rep.liaisonStation = blankToNull(r.liaisonStation());
        rep.phoneEnc = cipher.encrypt(REPRESENTATIVE_PHONE.row(rep.id), blankToNull(r.phone()));
        rep.phoneIndex = cipher.blindIndex(blankToNull(r.phone()));
        rep.emailEnc = cipher.encrypt(REPRESENTATIVE_EMAIL.row(rep.id), blankToNull(r.email()));
        rep.userSubject = blankToNull(r.userSubject());
        rep.active = r.active() == null || r.active();
        rep.updatedAt = Instant.now();
    }

    @Transactional
    public LiaisonOfficer registerLiaisonOfficer(LiaisonOfficerRequest r, Actor actor) {
        if (Jurisdiction.isValid(r.communityCode()) && Jurisdiction.tierOf(r.communityCode()) != Jurisdiction.Tier.COMMUNITY) {
            throw ProblemException.validation("communityCode", "须为社区（村）一级的区划代码", "must be a community-level code");
        }
        if (!Jurisdiction.isValid(r.communityCode())) {
            throw ProblemException.validation("communityCode", "不是有效的区划代码", "is not a valid division code");
        }
        if (r.id() != null && LiaisonOfficer.findById(r.id()) != null) {
            throw ProblemException.conflict("liaison-officer-exists", "该联络员已登记", "this liaison officer is already registered");
        }
        LiaisonOfficer o = new LiaisonOfficer();
        o.id = r.id() != null ? r.id() : UUID.randomUUID();
        o.name = r.name().trim();
        o.communityCode = r.communityCode();
        o.phoneEnc = cipher.encrypt(LIAISON_OFFICER_PHONE.row(o.id), blankToNull(r.phone()));
        o.emailEnc = cipher.encrypt(LIAISON_OFFICER_EMAIL.row(o.id), blankToNull(r.email()));
        o.userSubject = blankToNull(r.userSubject());
        o.active = true;
        o.createdAt = Instant.now();
        o.persist();
        outbox.publish(Topics.REPRESENTATIVE.topic(), EventEnvelope.of(EventType.LIAISON_OFFICER_REGISTERED,
                o.communityCode, o.id.toString(), null, actor,
                new LiaisonOfficerRegistered(o.id.toString(), o.name, o.communityCode, o.userSubject,
                        contacts.seal(EventType.LIAISON_OFFICER_REGISTERED, o.id.toString(), "email", r.email()),
                        contacts.seal(EventType.LIAISON_OFFICER_REGISTERED, o.id.toString(), "mobile", r.phone()))));
        return o;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
