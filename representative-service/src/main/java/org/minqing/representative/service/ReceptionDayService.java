package org.minqing.representative.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.representative.AbsenceRecorded;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeConfirmed;
import org.minqing.events.representative.RepresentativeDeclined;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RosterChanged;
import org.minqing.events.representative.RosterEntry;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.DutyRecord;
import org.minqing.representative.DutyType;
import org.minqing.representative.ReceptionDay;
import org.minqing.representative.Representative;
import org.minqing.representative.RosterSlot;
import org.minqing.representative.mapping.Labels;
import org.minqing.representative.mapping.Requests.RescheduleRequest;
import org.minqing.representative.mapping.Requests.ScheduleRequest;
import org.minqing.representative.mapping.Views.ReceptionDayView;
import org.minqing.representative.mapping.Views.RosterView;
import org.minqing.representative.mapping.Views.Warning;

/**
 * Reception days (民情接访日): scheduling with a roster, conflicts between rosters, the
 * representatives' answers, rescheduling, cancelling, attendance and absences.
 */
@ApplicationScoped
public class ReceptionDayService {

    private static final String TOPIC = Topics.RECEPTION_DAY.topic();

    @Inject
    Outbox outbox;

    @Inject
    AppClock clock;

    @Inject
    EntityManager em;

    @Inject
    Access access;

    @Inject
    org.minqing.kit.piece.Ownership ownership;

    @Transactional
    public ReceptionDay schedule(ScheduleRequest r, Actor actor) {
        Checks checks = new Checks();
        checkCommunity(r.communityCode(), checks);
        checkSlot(r.date(), r.startTime(), r.endTime(), checks);
        List<Representative> reps = rosterOf(r.representativeIds(), checks);
        checks.throwIfAny();
        // Issue 14: a reception day lives in the piece that owns its community (its events are handled there).
        ownership.requireOwned("communityCode", r.communityCode());
        lockRosters();
        requireNoConflict(null, r.date(), r.startTime(), r.endTime(), r.representativeIds());

        ReceptionDay d = new ReceptionDay();
        d.id = UUID.randomUUID();
        d.communityCode = r.communityCode();
        d.date = r.date();
        d.startTime = r.startTime();
        d.endTime = r.endTime();
        d.place = r.place().trim();
        d.status = ReceptionDay.SCHEDULED;
        d.createdAt = Instant.now();
        d.updatedAt = d.createdAt;
        for (Representative rep : reps) {
            d.roster.add(slot(d, rep.id));
        }
        d.persist();
        publish(EventType.RECEPTION_DAY_SCHEDULED, d, actor, new ReceptionDayScheduled(d.id.toString(),
                d.communityCode, d.date, d.startTime, d.endTime, d.place, entries(reps)));
        return d;
    }

    @Transactional
    public ReceptionDay changeRoster(ReceptionDay d, List<UUID> ids, Actor actor) {
        requireOpen(d);
        Checks checks = new Checks();
        List<Representative> reps = rosterOf(ids, checks);
        checks.throwIfAny();
        lockRosters();
        Set<UUID> before = new LinkedHashSet<>(d.roster.stream().map(s -> s.representativeId).toList());
        List<UUID> added = ids.stream().filter(id -> !before.contains(id)).toList();
        List<UUID> removed = before.stream().filter(id -> !ids.contains(id)).toList();
        requireNoConflict(d.id, d.date, d.startTime, d.endTime, added);
        d.roster.removeIf(s -> removed.contains(s.representativeId));
        for (UUID id : added) {
            d.roster.add(slot(d, id));
        }
        d.updatedAt = Instant.now();
        publish(EventType.RECEPTION_DAY_ROSTER_CHANGED, d, actor, new RosterChanged(d.id.toString(), d.communityCode,
                d.date, entries(reps), added.stream().map(UUID::toString).toList(),
                removed.stream().map(UUID::toString).toList()));
        return d;
    }

    @Transactional
    public ReceptionDay reschedule(ReceptionDay d, RescheduleRequest r, Actor actor) {
        requireOpen(d);
        Checks checks = new Checks();
        checkSlot(r.date(), r.startTime(), r.endTime(), checks);
        checks.throwIfAny();
        lockRosters();
        List<UUID> onRoster = d.roster.stream().filter(s -> !RosterSlot.DECLINED.equals(s.status))
                .map(s -> s.representativeId).toList();
        requireNoConflict(d.id, r.date(), r.startTime(), r.endTime(), onRoster);
        d.date = r.date();
        d.startTime = r.startTime();
        d.endTime = r.endTime();
        d.place = r.place().trim();
        d.updatedAt = Instant.now();
        // A new time needs a new answer from everyone who had agreed to the old one.
        d.roster.forEach(s -> {
            if (RosterSlot.CONFIRMED.equals(s.status)) {
                s.status = RosterSlot.INVITED;
            }
        });
        publish(EventType.RECEPTION_DAY_RESCHEDULED, d, actor, new ReceptionDayRescheduled(d.id.toString(),
                d.communityCode, d.date, d.startTime, d.endTime, d.place, r.reason().trim()));
        return d;
    }

    @Transactional
    public ReceptionDay cancel(ReceptionDay d, String reason, Actor actor) {
        requireOpen(d);
        d.status = ReceptionDay.CANCELLED;
        d.cancelReason = reason.trim();
        d.updatedAt = Instant.now();
        publish(EventType.RECEPTION_DAY_CANCELLED, d, actor,
                new ReceptionDayCancelled(d.id.toString(), d.communityCode, d.date, d.cancelReason));
        return d;
    }

    @Transactional
    public ReceptionDay answer(ReceptionDay d, UUID representativeId, boolean confirm, String reason, Actor actor) {
        requireOpen(d);
        RosterSlot slot = d.slotOf(representativeId).orElseThrow(() -> ProblemException.forbidden(
                "您不在该接访日的接访名单上", "you are not on this reception day's roster"));
        slot.status = confirm ? RosterSlot.CONFIRMED : RosterSlot.DECLINED;
        slot.declineReason = confirm ? null : RepresentativeService.blankToNull(reason);
        d.updatedAt = Instant.now();
        if (confirm) {
            publish(EventType.RECEPTION_DAY_REPRESENTATIVE_CONFIRMED, d, actor, new RepresentativeConfirmed(
                    d.id.toString(), d.communityCode, d.date, representativeId.toString()));
        } else {
            publish(EventType.RECEPTION_DAY_REPRESENTATIVE_DECLINED, d, actor, new RepresentativeDeclined(
                    d.id.toString(), d.communityCode, d.date, representativeId.toString(), slot.declineReason));
        }
        return d;
    }

    /** Staff record who was there (签到); each attendee gets the day's reception record if none exists yet. */
    @Transactional
    public ReceptionDay recordAttendance(ReceptionDay d, List<UUID> ids) {
        if (d.isCancelled()) {
            throw ProblemException.conflict("reception-day-cancelled", "该接访日已取消", "this reception day was cancelled");
        }
        if (d.date.isAfter(clock.today())) {
            throw ProblemException.conflict("reception-day-not-held", "接访日尚未举行，不能登记出席",
                    "the reception day has not taken place yet");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (d.slotOf(ids.get(i)).isEmpty()) {
                errors.add(Problem.FieldError.of("representativeIds[" + i + "]", "不在该接访日的接访名单上",
                        "is not on this reception day's roster"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        for (UUID id : ids) {
            markAttended(d, id);
        }
        return d;
    }

    /** The reception record of a representative for a day, created once; also marks the roster slot attended. */
    public DutyRecord markAttended(ReceptionDay d, UUID representativeId) {
        d.slotOf(representativeId).ifPresent(s -> {
            s.attended = true;
            s.absent = false;
        });
        DutyRecord rec = DutyRecord.find("representativeId = ?1 and receptionDayId = ?2 and type = ?3",
                representativeId, d.id, DutyType.RECEPTION).firstResult();
        if (rec == null) {
            rec = new DutyRecord();
            rec.id = UUID.randomUUID();
            rec.representativeId = representativeId;
            rec.type = DutyType.RECEPTION;
            rec.date = d.date;
            rec.place = d.place;
            rec.notes = "民情接访日接待来访";
            rec.source = DutyRecord.EVENT;
            rec.communityCode = d.communityCode;
            rec.receptionDayId = d.id;
            rec.createdAt = Instant.now();
            rec.updatedAt = rec.createdAt;
            rec.persist();
        }
        return rec;
    }

    /**
     * Marks confirmed representatives who did not attend a reception day that is over as absent
     * (缺席), once each, with an event. Returns how many were marked.
     */
    @Transactional
    public int recordAbsences(ReceptionDay d, Actor actor) {
        if (d.isCancelled()) {
            return 0;
        }
        if (!isOver(d)) {
            throw ProblemException.conflict("reception-day-not-over", "接访日尚未结束，不能登记缺席",
                    "the reception day is not over yet");
        }
        int marked = 0;
        for (RosterSlot s : d.roster) {
            if (RosterSlot.CONFIRMED.equals(s.status) && !s.attended && !s.absent) {
                s.absent = true;
                marked++;
                publish(EventType.RECEPTION_DAY_ABSENCE_RECORDED, d, actor, new AbsenceRecorded(d.id.toString(),
                        d.communityCode, d.date, s.representativeId.toString()));
            }
        }
        return marked;
    }

    /** The advisory lock that makes one replica at a time run the nightly marker (L5). */
    static final String ABSENCE_MARKER_LOCK = "minqing.representative.absence-marker";

    /**
     * Every reception day that ended before today; what the nightly marker runs. Every replica
     * runs the schedule, but only the one holding the advisory lock marks (L5): the others return
     * -1 at once and leave it to it. The days are locked too, so a staff member recording the same
     * day's absences waits instead of marking the same slot again.
     */
    @Transactional
    public int recordAllAbsences(Actor actor) {
        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:k))")
                .setParameter("k", ABSENCE_MARKER_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(mine)) {
            return -1;
        }
        List<ReceptionDay> over = ReceptionDay.<ReceptionDay>find("status = ?1 and date < ?2 and date >= ?3 order by id",
                ReceptionDay.SCHEDULED, clock.today(), clock.today().minusDays(60))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        int n = 0;
        for (ReceptionDay d : over) {
            n += recordAbsences(d, actor);
        }
        return n;
    }

    public boolean isOver(ReceptionDay d) {
        LocalDate today = clock.today();
        return d.date.isBefore(today) || (d.date.equals(today) && !clock.now().toLocalTime().isBefore(d.endTime));
    }

    /** The reception days a representative is rostered on from {@code from}, soonest first. */
    public List<ReceptionDay> rosteredOn(UUID representativeId, LocalDate from) {
        return ReceptionDay.list("select distinct d from ReceptionDay d join d.roster s "
                + "where s.representativeId = ?1 and d.date >= ?2 order by d.date, d.startTime", representativeId, from);
    }

    /** The reception days of a month within {@code scopeCode} (a code range, which an index serves: L9). */
    public List<ReceptionDay> month(String scopeCode, YearMonth month) {
        return ReceptionDay.list("communityCode between ?1 and ?2 and date >= ?3 and date <= ?4 order by date, startTime",
                Jurisdiction.lowest(scopeCode), Jurisdiction.highest(scopeCode), month.atDay(1), month.atEndOfMonth());
    }

    public ReceptionDayView view(ReceptionDay d) {
        Map<UUID, Representative> reps = new HashMap<>();
        List<UUID> ids = d.roster.stream().map(s -> s.representativeId).toList();
        if (!ids.isEmpty()) {
            Representative.<Representative>list("id in ?1", ids).forEach(r -> reps.put(r.id, r));
        }
        // L10: staff are not told the name of a representative outside their line of the hierarchy
        // (rosters no longer take one; this covers rosters made before that check)
        boolean staff = access.isStaff();
        List<RosterView> roster = d.roster.stream().map(s -> {
            Representative known = reps.get(s.representativeId);
            Representative r = known != null && staff && !access.inCallersLine(known.constituencyCode) ? null : known;
            return new RosterView(s.representativeId, r == null ? null : r.name, r == null ? null : r.kind,
                    r == null ? null : r.level, s.status, s.declineReason, s.attended, s.absent);
        }).toList();
        List<Warning> warnings = new ArrayList<>();
        if (!d.isCancelled()) {
            EnumSet<RepresentativeKind> present = EnumSet.noneOf(RepresentativeKind.class);
            d.roster.stream().filter(s -> !RosterSlot.DECLINED.equals(s.status)).map(s -> reps.get(s.representativeId))
                    .filter(r -> r != null).forEach(r -> present.add(r.kind));
            d.roster.stream().map(s -> reps.get(s.representativeId)).filter(r -> r != null)
                    .filter(r -> !r.active || r.termEnd.isBefore(d.date))
                    .forEach(r -> warnings.add(Warning.of("term-ended:" + r.id,
                            r.name + " 的任期在接访日前已结束或已不在任", r.name + "'s term ends before this day or they are inactive")));
            for (RepresentativeKind k : RepresentativeKind.values()) {
                if (!present.contains(k)) {
                    warnings.add(Warning.of("roster-missing-kind:" + k.name(),
                            "接访名单中没有" + Labels.kindShort(k) + "（两代表一委员应齐全）",
                            "the roster has no " + Labels.kindEn(k)));
                }
            }
        }
        return new ReceptionDayView(d.id, d.communityCode, d.date, d.startTime, d.endTime, d.place, d.status,
                d.cancelReason, roster, warnings);
    }

    private void checkCommunity(String code, Checks checks) {
        if (!Jurisdiction.isValid(code)) {
            checks.add("communityCode", "不是有效的区划代码", "is not a valid division code");
        } else if (Jurisdiction.tierOf(code) != Jurisdiction.Tier.COMMUNITY) {
            checks.add("communityCode", "须为社区（村）一级的区划代码", "must be a community-level code");
        }
    }

    private void checkSlot(LocalDate date, LocalTime start, LocalTime end, Checks checks) {
        if (date.isBefore(clock.today())) {
            checks.add("date", "接访日期不能早于今天", "the date must not be in the past");
        }
        if (!end.isAfter(start)) {
            checks.add("endTime", "结束时间须晚于开始时间", "the end time must be after the start time");
        }
    }

    /** The roster's representatives; unknown, inactive or repeated ids are named by position. */
    private List<Representative> rosterOf(List<UUID> ids, Checks checks) {
        Map<UUID, Representative> found = new HashMap<>();
        Representative.<Representative>list("id in ?1", ids).forEach(r -> found.put(r.id, r));
        Set<UUID> seen = new LinkedHashSet<>();
        List<Representative> reps = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            Representative r = found.get(id);
            if (!seen.add(id)) {
                checks.add("representativeIds[" + i + "]", "代表重复", "appears twice");
            } else if (r == null || !access.inCallersLine(r.constituencyCode)) {
                // L10: a neighbour's representative is refused exactly like an unknown id
                checks.add("representativeIds[" + i + "]", "没有这位代表", "no such representative");
            } else if (!r.active) {
                checks.add("representativeIds[" + i + "]", "该代表已不在任", "this representative is not active");
            } else {
                reps.add(r);
            }
        }
        return reps;
    }

    /** Roster changes are rare; one transaction-scoped lock makes the overlap check race-free. */
    private void lockRosters() {
        em.createNativeQuery("select cast(pg_advisory_xact_lock(7236151) as text)").getSingleResult();
    }

    /** 409 naming the other reception day if any of {@code ids} is already rostered at an overlapping time. */
    private void requireNoConflict(UUID self, LocalDate date, LocalTime start, LocalTime end, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<RosterSlot> clashes = RosterSlot.list("""
                select s from RosterSlot s join s.receptionDay d
                where s.representativeId in ?1 and d.status = ?2 and d.date = ?3
                  and d.startTime < ?4 and d.endTime > ?5 and s.status <> ?6 and d.id <> ?7
                order by d.startTime""",
                ids, ReceptionDay.SCHEDULED, date, end, start, RosterSlot.DECLINED,
                self != null ? self : new UUID(0, 0));
        if (clashes.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (RosterSlot s : clashes) {
            ReceptionDay other = s.receptionDay;
            Representative r = Representative.findById(s.representativeId);
            String when = other.date + " " + other.startTime + "–" + other.endTime;
            if (!access.scope().maySee(other.communityCode)) {
                // L10: another jurisdiction's reception day is not described (id, place, community)
                errors.add(Problem.FieldError.of("representativeIds[" + ids.indexOf(s.representativeId) + "]",
                        r.name + " 在同一时段已有其他接访安排", r.name + " is already rostered elsewhere at an overlapping time"));
                if (zh.isEmpty()) {
                    zh.append(r.name).append(" 在同一时段已有其他接访安排");
                    en.append(r.name).append(" is already rostered elsewhere at an overlapping time");
                }
                continue;
            }
            errors.add(Problem.FieldError.of("representativeIds[" + ids.indexOf(s.representativeId) + "]",
                    r.name + " 已在接访日 " + other.id + "（" + other.communityCode + "，" + when + "，" + other.place + "）的名单上",
                    r.name + " is already on reception day " + other.id + " (" + other.communityCode + ", " + when + ")"));
            if (zh.isEmpty()) {
                zh.append(r.name).append(" 在同一时段已安排在接访日 ").append(other.id).append("（").append(when).append("）");
                en.append(r.name).append(" is already rostered on reception day ").append(other.id).append(" (").append(when).append(")");
            }
        }
        throw ProblemException.conflict("roster-conflict", zh.toString(), en.toString(), errors);
    }

    private void requireOpen(ReceptionDay d) {
        if (d.isCancelled()) {
            throw ProblemException.conflict("reception-day-cancelled", "该接访日已取消", "this reception day was cancelled");
        }
        if (d.date.isBefore(clock.today())) {
            throw ProblemException.conflict("reception-day-past", "该接访日已过，不能再修改", "this reception day is in the past");
        }
    }

    private RosterSlot slot(ReceptionDay d, UUID representativeId) {
        RosterSlot s = new RosterSlot();
        s.id = UUID.randomUUID();
        s.receptionDay = d;
        s.representativeId = representativeId;
        s.status = RosterSlot.INVITED;
        return s;
    }

    private static List<RosterEntry> entries(List<Representative> reps) {
        return reps.stream().map(r -> new RosterEntry(r.id.toString(), r.name, r.kind, r.level)).toList();
    }

    private void publish(EventType type, ReceptionDay d, Actor actor, Object payload) {
        outbox.publish(TOPIC, EventEnvelope.of(type, d.communityCode, d.id.toString(), null, actor, payload));
    }
}
