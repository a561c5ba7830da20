package org.minqing.intake.service;

import static org.minqing.intake.service.EncryptedFields.RECEIPT_CODE;
import static org.minqing.intake.service.EncryptedFields.VISITOR_EMAIL;
import static org.minqing.intake.service.EncryptedFields.VISITOR_ID_NUMBER;
import static org.minqing.intake.service.EncryptedFields.VISITOR_NAME;
import static org.minqing.intake.service.EncryptedFields.VISITOR_PHONE;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StaleStateException;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.events.intake.Urgency;
import org.minqing.intake.CaseMilestone;
import org.minqing.intake.CaseStatus;
import org.minqing.intake.CaseVisitor;
import org.minqing.intake.IntakeCase;
import org.minqing.intake.mapping.CaseRequest;
import org.minqing.intake.mapping.CaseViews.CaseDetail;
import org.minqing.intake.mapping.CaseViews.Contact;
import org.minqing.intake.mapping.CaseViews.Contacts;
import org.minqing.intake.mapping.CaseViews.ContactsBatch;
import org.minqing.intake.mapping.CaseViews.Wanted;
import org.minqing.intake.mapping.CaseViews.FeedbackAccepted;
import org.minqing.intake.mapping.CaseViews.FeedbackRequest;
import org.minqing.intake.mapping.CaseViews.MilestoneView;
import org.minqing.intake.mapping.CaseViews.PublicMilestone;
import org.minqing.intake.mapping.CaseViews.PublicStatus;
import org.minqing.intake.mapping.CaseViews.ReceiptSlip;
import org.minqing.intake.mapping.CaseViews.VisitorView;
import org.minqing.intake.mapping.VisitorInput;
import org.minqing.kit.crypto.FieldCipher;

import org.minqing.kit.crypto.Masking;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;

/** Recording cases (接访登记), showing them, the receipt-code look-up and the visitor's feedback. */
@ApplicationScoped
public class CaseService {

    public static final String CONSUMER = "intake-service";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    FieldCipher cipher;

    @Inject
    AppClock clock;

    @Inject
    Catalogue catalogue;

    @Inject
    ReceiptCodes receiptCodes;

    @Inject
    AccessLog accessLog;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    CaseRequestRules rules;

    @Inject
    MinqingMeters meters;

    @Inject
    org.minqing.kit.piece.Ownership ownership;

    /** Households above this make a group petition (集体访). */
    @ConfigProperty(name = "minqing.intake.group-petition-households", defaultValue = "5")
    int groupPetitionHouseholds;

    /** Issue 15: every channel's series exists from the start, so rates and alerts see a 0, not a gap. */
    void registerMeters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        for (IntakeChannel channel : IntakeChannel.values()) {
            meters.counter(MinqingMeters.CASES_RECORDED, "channel", channel.name());
        }
    }

    public record Recorded(CaseDetail detail, boolean replayed) {
    }

    /**
     * The answer a retried recording gets: the code the lost answer carried, unless it has since been
     * reissued; then only the reissuing staff hold the new one.
     */
    private Recorded replay(IntakeCase existing) {
        String code = existing.receiptReissuedAt == null
                ? cipher.decrypt(RECEIPT_CODE.row(existing.id), existing.receiptCodeEnc) : null;
        return new Recorded(toDetail(existing, maskedVisitors(existing.id), List.of(recordedStep(existing)))
                .withReceiptCode(code), true);
    }

    /**
     * Records a case (接访登记): with an idempotency key, a retry of the same request by the same
     * caller returns the first case ({@link IdempotencyKeys}); the request is checked against the
     * catalogue, the calendar and the caller's role and scope ({@link CaseRequestRules}); the case,
     * its visitors (encrypted) and the CASE_RECORDED event are written in one transaction.
     */
    @Transactional
    public Recorded record(CaseRequest req, String idempotencyKey, CallerScope scope, boolean viaOpen311) {
        UUID caseId = UUID.randomUUID();
        if (idempotencyKey != null) {
            UUID earlier = idempotencyKeys.claim(scope.subject(), idempotencyKey, req, caseId).orElse(null);
            if (earlier != null) {
                return replay(IntakeCase.findById(earlier));
            }
        }
        // Issue 14: a case lives in the piece that owns its community, where its referral and notices are
        // handled. Asked first: this piece need not know another piece's communities (ADR 0026).
        if (Jurisdiction.isValid(req.communityCode())) {
            ownership.requireOwned("communityCode", req.communityCode());
        }
        CaseRequestRules.Accepted accepted = rules.check(req, scope, viaOpen311);
        LocalDate receivedOn = accepted.receivedOn();
        List<String> reps = accepted.receivingRepresentatives();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<VisitorInput> visitors = req.visitors() == null ? List.of() : req.visitors();
        IntakeCase c = new IntakeCase();
        c.id = caseId;
        String receiptCode = receiptCodes.generate();
        c.receiptHash = cipher.blindIndex(receiptCode);
        c.receiptCodeEnc = cipher.encrypt(RECEIPT_CODE.row(c.id), receiptCode);
        c.channel = req.channel().name();
        c.communityCode = req.communityCode();
        c.lineCode = req.lineCode();
        c.address = blankToNull(req.address());
        c.latitude = req.latitude();
        c.longitude = req.longitude();
        c.description = req.description().strip();
        c.households = req.households() == null ? 1 : req.households();
        c.persons = req.persons() == null ? Math.max(c.households, visitors.size()) : req.persons();
        c.groupPetition = c.households > groupPetitionHouseholds;
        c.urgency = (req.urgency() == null ? Urgency.NORMAL : req.urgency()).name();
        c.receptionDayId = req.receptionDayId();
        c.receivedOn = receivedOn;
        c.representativeIds = String.join(",", reps);
        c.visitorCount = visitors.size();
        c.anonymous = visitors.stream().noneMatch(VisitorInput::identifies);
        c.hasContact = visitors.stream().anyMatch(VisitorInput::reachable);
        c.status = CaseStatus.RECORDED.name();
        c.recordedBy = scope.subject();
        c.recordedRole = scope.actor().role();
        c.recordedAt = now;
        c.updatedAt = now;
        c.persist();
        int ordinal = 0;
        for (VisitorInput v : visitors) {
            CaseVisitor row = new CaseVisitor();
            row.id = UUID.randomUUID();
            row.caseId = caseId;
            row.ordinal = ordinal++;
            row.nameEnc = cipher.encrypt(VISITOR_NAME.row(row.id), blankToNull(v.name()));
            row.phoneEnc = cipher.encrypt(VISITOR_PHONE.row(row.id), blankToNull(v.phone()));
            row.idNumberEnc = cipher.encrypt(VISITOR_ID_NUMBER.row(row.id), v.idNumber() == null ? null : v.idNumber().toUpperCase());
            row.emailEnc = cipher.encrypt(VISITOR_EMAIL.row(row.id), blankToNull(v.email()));
            row.phoneIndex = cipher.blindIndex(blankToNull(v.phone()));
            row.keyId = cipher.activeKeyId();
            row.persist();
        }

        // No receipt code in the event (M3): whoever reads the topic could rate the case with it.
        CaseRecorded event = new CaseRecorded(caseId.toString(), req.channel(), c.communityCode,
                c.lineCode, c.address, c.latitude, c.longitude, c.description, c.households, c.persons,
                c.groupPetition, Urgency.valueOf(c.urgency), c.receptionDayId, List.copyOf(reps), c.visitorCount,
                c.anonymous, c.hasContact, now);
        outbox.publish(Topics.CASE.topic(), EventEnvelope.of(EventType.CASE_RECORDED, c.communityCode,
                caseId.toString(), caseId.toString(), scope.actor(), event));
        meters.countCommitted(MinqingMeters.CASES_RECORDED, "channel", req.channel().name());
        // The one answer that carries the code: the recording staff print it on the slip.
        return new Recorded(toDetail(c, maskedViews(visitors), List.of(recordedStep(c))).withReceiptCode(receiptCode), false);
    }

    /** Case detail: visitors in full for staff in scope (every such read logged), masked for the rest. */
    @Transactional
    public CaseDetail detail(UUID id, CallerScope scope, String purpose, String endpoint) {
        IntakeCase c = visibleCase(id, scope);
        boolean full = scope.hasAnyRole(Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF)
                && scope.maySee(c.communityCode);
        List<CaseVisitor> visitors = CaseVisitor.ofCase(id);
        List<VisitorView> views;
        if (full && !visitors.isEmpty()) {
            accessLog.record(id, scope.subject(), scope.actor().role(), purpose, endpoint);
            views = visitors.stream().map(v -> new VisitorView(name(v), phone(v),
                    idNumber(v), email(v), false)).toList();
        } else {
            views = visitors.stream().map(this::masked).toList();
        }
        List<MilestoneView> timeline = new ArrayList<>();
        timeline.add(recordedStep(c));
        CaseMilestone.ofCase(id).forEach(m -> timeline.add(view(m)));
        return toDetail(c, views, timeline);
    }

    /**
     * The case if the caller may see it: staff, representatives and liaison officers within their
     * jurisdiction, a handling unit for cases referred to it; 404 otherwise.
     */
    public IntakeCase visibleCase(UUID id, CallerScope scope) {
        IntakeCase c = IntakeCase.findById(id);
        if (c == null) {
            throw ProblemException.notFound("案件 / case");
        }
        boolean visible;
        if (scope.hasRole(Roles.HANDLING_UNIT)) {
            visible = c.assignedUnitId != null && scope.unitId().map(c.assignedUnitId::equals).orElse(false);
        } else {
            visible = scope.maySee(c.communityCode);
        }
        if (!visible) {
            throw ProblemException.notFound("案件 / case");
        }
        return c;
    }

    /**
     * Reprints the slip by reissuing the code (补发回执): a new code replaces the old one, which stops
     * working at once. Staff in scope only; every reissue is in the access log.
     */
    @Transactional
    public ReceiptSlip reissueReceipt(UUID id, CallerScope scope) {
        IntakeCase c = visibleCase(id, scope);
        String code = receiptCodes.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        c.receiptHash = cipher.blindIndex(code);
        c.receiptCodeEnc = cipher.encrypt(RECEIPT_CODE.row(c.id), code);
        c.receiptReissuedAt = now;
        c.updatedAt = now;
        accessLog.record(id, scope.subject(), scope.actor().role(), "补发回执码 / receipt code reissued",
                "POST /cases/{id}/receipt");
        em.flush(); // a concurrent change to the case (optimistic lock) is a 409 here, not at commit
        CaseStatus status = CaseStatus.valueOf(c.status);
        return new ReceiptSlip(c.id, code, c.receivedOn, c.communityCode,
                catalogue.community(c.communityCode).map(Catalogue.Community::nameZh).orElse(null), c.lineCode,
                catalogue.line(c.lineCode).map(l -> l.nameZh() + " / " + l.nameEn()).orElse(null), status.name(), status.zh,
                status.en, now);
    }

    /** For notification-service's service account only; every call is logged. */
    @Transactional
    public Contacts contacts(UUID id, CallerScope scope, String purpose) {
        IntakeCase c = IntakeCase.findById(id);
        if (c == null || !scope.maySee(c.communityCode)) {
            throw ProblemException.notFound("案件 / case");
        }
        accessLog.record(id, scope.subject(), Roles.SERVICE, purpose, "/internal/cases/{caseId}/contacts");
        return contactsOf(c, CaseVisitor.ofCase(id));
    }

    /**
     * As {@link #contacts} for several cases in one transaction and three queries (cases, visitors,
     * and the access-log rows): each naming of a case is logged with its own purpose; a case that does
     * not exist or lies outside the caller's jurisdiction is listed as missing, as the single look-up
     * answers 404 for both.
     */
    @Transactional
    public ContactsBatch contactsOf(List<Wanted> wanted, CallerScope scope, String defaultPurpose) {
        Map<UUID, List<String>> purposes = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            UUID id;
            try {
                id = UUID.fromString(wanted.get(i).caseId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("requests[" + i + "].caseId", "不是有效的案件编号", "is not a case id");
            }
            String purpose = wanted.get(i).purpose();
            purposes.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(purpose == null || purpose.isBlank() ? defaultPurpose : purpose);
        }
        Map<UUID, IntakeCase> found = new HashMap<>();
        for (IntakeCase c : IntakeCase.<IntakeCase>list("id in ?1", purposes.keySet())) {
            if (scope.maySee(c.communityCode)) {
                found.put(c.id, c);
            }
        }
        Map<UUID, List<CaseVisitor>> visitors = new HashMap<>();
        if (!found.isEmpty()) {
            for (CaseVisitor v : CaseVisitor.<CaseVisitor>list("caseId in ?1 order by ordinal", found.keySet())) {
                visitors.computeIfAbsent(v.caseId, k -> new ArrayList<>()).add(v);
            }
        }
        List<Contacts> cases = new ArrayList<>(found.size());
        List<String> missing = new ArrayList<>();
        purposes.forEach((id, why) -> {
            IntakeCase c = found.get(id);
            if (c == null) {
                missing.add(id.toString());
                return;
            }
            why.forEach(p -> accessLog.record(id, scope.subject(), Roles.SERVICE, p, "POST /internal/cases/contacts"));
            cases.add(contactsOf(c, visitors.getOrDefault(id, List.of())));
        });
        return new ContactsBatch(cases, missing);
    }

    private Contacts contactsOf(IntakeCase c, List<CaseVisitor> visitors) {
        List<Contact> contacts = new ArrayList<>();
        for (CaseVisitor v : visitors) {
            if (v.phoneEnc != null || v.emailEnc != null) {
                contacts.add(new Contact(name(v), phone(v), email(v)));
            }
        }
        return new Contacts(c.id.toString(), c.receiptCodeEnc == null ? null : cipher.decrypt(RECEIPT_CODE.row(c.id), c.receiptCodeEnc),
                contacts);
    }

    /** Looks a case up by receipt code: always by the code's keyed hash, so the work is the same for any code. */
    public IntakeCase byReceiptCode(String raw) {
        ReceiptCodes.Parsed parsed = ReceiptCodes.parse(raw);
        switch (parsed.verdict()) {
            case MALFORMED -> throw new ProblemException(Problem.of("receipt-code-malformed", 400, "回执码格式不正确",
                    "Malformed receipt code", "回执码为12位字母数字，例如 ABCD-EFGH-JKMN",
                    "a receipt code has 12 letters and digits, e.g. ABCD-EFGH-JKMN",
                    List.of(Problem.FieldError.of("receiptCode", "格式不正确", "has an invalid format"))));
            case CHECKSUM -> throw new ProblemException(Problem.of("receipt-code-checksum", 400, "回执码校验不符",
                    "Receipt code checksum mismatch", "回执码可能输入有误，请核对回执单",
                    "the code is probably mistyped; check it against the receipt slip",
                    List.of(Problem.FieldError.of("receiptCode", "校验位不符，可能输入有误", "check symbol does not match; probably mistyped"))));
            default -> {
            }
        }
        String hash = cipher.blindIndex(parsed.canonical());
        IntakeCase c = IntakeCase.find("receiptHash", hash).firstResult();
        if (c == null) {
            throw new ProblemException(Problem.of("receipt-code-unknown", 404, "未找到", "Not found",
                    "没有与此回执码对应的案件", "no case has this receipt code", null));
        }
        return c;
    }

    @Transactional
    public PublicStatus publicStatus(String code) {
        IntakeCase c = byReceiptCode(code);
        CaseStatus status = CaseStatus.valueOf(c.status);
        List<PublicMilestone> milestones = new ArrayList<>();
        milestones.add(new PublicMilestone("RECORDED", "已登记", "Recorded", c.receivedOn, null));
        CaseMilestone.ofCase(c.id).stream().filter(m -> m.publicView)
                .map(m -> new PublicMilestone(m.kind, m.labelZh, m.labelEn, LocalDate.ofInstant(m.occurredAt, AppClock.ZONE),
                        m.dueDate))
                .forEach(milestones::add);
        return new PublicStatus(status.name(), status.zh, status.en,
                catalogue.line(c.lineCode).map(l -> l.nameZh() + " / " + l.nameEn()).orElse(c.lineCode), c.receivedOn,
                c.expectedDate, milestones, c.feedbackOpen);
    }

    @Transactional
    public FeedbackAccepted feedback(FeedbackRequest req) {
        IntakeCase c = byReceiptCode(req.receiptCode());
        if (!c.feedbackOpen) {
            throw ProblemException.conflict("feedback-not-open", "该案件尚无办理结果可评价，或已评价",
                    "there is no result to rate yet, or it was already rated");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        c.feedbackOpen = false;
        c.updatedAt = now;
        try {
            // M5: the version check makes a concurrent second rating (or a referral event that changed
            // the case meanwhile) fail here; the unique (case, round) is the database's own guard.
            em.flush();
            em.createNativeQuery("""
                    insert into case_feedback (case_id, round, rating, comment, given_at) values (:c, :n, :r, :m, :t)""")
                    .setParameter("c", c.id).setParameter("n", c.feedbackRound).setParameter("r", req.rating().name())
                    .setParameter("m", blankToNull(req.comment())).setParameter("t", now).executeUpdate();
        } catch (OptimisticLockException | StaleStateException e) {
            throw feedbackConflict();
        } catch (PersistenceException e) {
            if (uniqueViolation(e)) {
                throw feedbackConflict();
            }
            throw e;
        }
        String[] label = switch (req.rating()) {
            case SATISFIED -> new String[] { "来访人评价：满意", "Visitor rated: satisfied" };
            case BASICALLY_SATISFIED -> new String[] { "来访人评价：基本满意", "Visitor rated: basically satisfied" };
            case UNSATISFIED -> new String[] { "来访人评价：不满意", "Visitor rated: unsatisfied" };
        };
        milestone(c.id, null, "FEEDBACK_GIVEN", label[0], label[1], blankToNull(req.comment()), null, true, now);
        outbox.publish(Topics.CASE.topic(), EventEnvelope.of(EventType.CASE_FEEDBACK_GIVEN, c.communityCode,
                c.id.toString(), c.id.toString(), Actor.PUBLIC,
                new FeedbackGiven(c.id.toString(), req.rating(), blankToNull(req.comment()), now)));
        return new FeedbackAccepted(req.rating(), now);
    }

    private static ProblemException feedbackConflict() {
        return ProblemException.conflict("feedback-already-given", "该办理结果刚已评价，或案件刚有变化，请刷新后再试",
                "this result was just rated, or the case just changed; reload and try again");
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public CaseMilestone milestone(UUID caseId, UUID eventId, String kind, String zh, String en, String detail,
            LocalDate due, boolean publicView, Instant at) {
        CaseMilestone m = new CaseMilestone();
        m.caseId = caseId;
        m.eventId = eventId;
        m.kind = kind;
        m.labelZh = zh;
        m.labelEn = en;
        m.detail = detail == null ? null : detail.length() > 4000 ? detail.substring(0, 4000) : detail;
        m.dueDate = due;
        m.publicView = publicView;
        m.occurredAt = at;
        m.persist();
        return m;
    }

    public CaseDetail toDetail(IntakeCase c, List<VisitorView> visitors, List<MilestoneView> timeline) {
        CaseStatus status = CaseStatus.valueOf(c.status);
        return new CaseDetail(c.id, null, c.channel, c.communityCode,
                catalogue.community(c.communityCode).map(Catalogue.Community::nameZh).orElse(null), c.lineCode,
                catalogue.line(c.lineCode).map(Catalogue.Line::nameZh).orElse(null), c.address, c.latitude, c.longitude,
                c.description, c.households, c.persons, c.groupPetition, c.urgency, c.receptionDayId, c.receivedOn,
                c.representativeIdList(), c.visitorCount, c.anonymous, c.hasContact,
                visitors.stream().anyMatch(VisitorView::masked), visitors, c.status, status.zh + " / " + status.en,
                c.expectedDate, c.referralId, c.repeatOf, c.repeatCount, c.recordedAt, timeline);
    }

    List<VisitorView> maskedVisitors(UUID caseId) {
        return CaseVisitor.ofCase(caseId).stream().map(this::masked).toList();
    }

    private VisitorView masked(CaseVisitor v) {
        return new VisitorView(Masking.name(name(v)), Masking.phone(phone(v)),
                Masking.idNumber(idNumber(v)), Masking.email(email(v)), true);
    }

    // L12: each visitor value decrypts only as the value of its own row and column.
    private String name(CaseVisitor v) {
        return cipher.decrypt(VISITOR_NAME.row(v.id), v.nameEnc);
    }

    private String phone(CaseVisitor v) {
        return cipher.decrypt(VISITOR_PHONE.row(v.id), v.phoneEnc);
    }

    private String idNumber(CaseVisitor v) {
        return cipher.decrypt(VISITOR_ID_NUMBER.row(v.id), v.idNumberEnc);
    }

    private String email(CaseVisitor v) {
        return cipher.decrypt(VISITOR_EMAIL.row(v.id), v.emailEnc);
    }

    private static List<VisitorView> maskedViews(List<VisitorInput> visitors) {
        return visitors.stream().map(v -> new VisitorView(Masking.name(blankToNull(v.name())),
                Masking.phone(blankToNull(v.phone())), Masking.idNumber(v.idNumber()), Masking.email(blankToNull(v.email())),
                true)).toList();
    }

    /** The first step of every timeline, from the case itself (one insert fewer per case). */
    static MilestoneView recordedStep(IntakeCase c) {
        return new MilestoneView("RECORDED", "已登记", "Recorded", null, null, c.recordedAt);
    }

    static MilestoneView view(CaseMilestone m) {
        return new MilestoneView(m.kind, m.labelZh, m.labelEn, m.detail, m.dueDate, m.occurredAt);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
