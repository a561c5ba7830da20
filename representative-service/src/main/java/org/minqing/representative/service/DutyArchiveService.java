package org.minqing.representative.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.crypto.Masking;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.DutyRecord;
import org.minqing.representative.DutyType;
import org.minqing.representative.Representative;
import org.minqing.representative.RosterSlot;
import org.minqing.representative.VoterContact;
import org.minqing.representative.mapping.Requests.DutyRecordRequest;
import org.minqing.representative.mapping.Requests.VoterContactRequest;
import org.minqing.representative.mapping.Views.AbsenceView;
import org.minqing.representative.mapping.Views.ArchiveView;
import org.minqing.representative.mapping.Views.DutyRecordView;
import org.minqing.representative.mapping.Views.VoterContactView;

/** The duty archive (履职档案) as people see and keep it: records, absences and the voter contact list. */
@ApplicationScoped
public class DutyArchiveService {

    @Inject
    FieldCipher cipher;

    @Inject
    AppClock clock;

    public ArchiveView archive(Representative rep, Integer year) {
        List<DutyRecord> records = year == null
                ? DutyRecord.list("representativeId = ?1 order by date desc, createdAt desc", rep.id)
                : DutyRecord.list("representativeId = ?1 and date >= ?2 and date <= ?3 order by date desc, createdAt desc",
                        rep.id, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        List<AbsenceView> absences = new ArrayList<>();
        // the year is part of the query (M1): other years' absences are not loaded
        List<RosterSlot> absent = year == null
                ? RosterSlot.list("representativeId = ?1 and absent = true order by receptionDay.date desc", rep.id)
                : RosterSlot.list("representativeId = ?1 and absent = true and receptionDay.date >= ?2 "
                        + "and receptionDay.date <= ?3 order by receptionDay.date desc",
                        rep.id, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        for (RosterSlot s : absent) {
            absences.add(new AbsenceView(s.receptionDay.id, s.receptionDay.communityCode, s.receptionDay.date,
                    s.receptionDay.place));
        }
        return new ArchiveView(rep.id, records.stream().map(DutyArchiveService::view).toList(), absences);
    }

    @Transactional
    public DutyRecord create(Representative rep, DutyRecordRequest r) {
        check(r);
        DutyRecord d = new DutyRecord();
        d.id = UUID.randomUUID();
        d.representativeId = rep.id;
        d.source = DutyRecord.MANUAL;
        d.communityCode = rep.constituencyCode;
        d.createdAt = Instant.now();
        apply(d, r);
        d.persist();
        return d;
    }

    @Transactional
    public DutyRecord update(Representative rep, UUID recordId, DutyRecordRequest r) {
        DutyRecord d = DutyRecord.findById(recordId);
        if (d == null || !d.representativeId.equals(rep.id)) {
            throw ProblemException.notFound("履职记录");
        }
        check(r);
        if (DutyRecord.EVENT.equals(d.source) && (r.type() != d.type || !r.date().equals(d.date))) {
            throw ProblemException.conflict("record-from-events", "该记录由接访或转办自动生成，类型和日期不能修改",
                    "this record was filled from events; its type and date cannot be changed");
        }
        apply(d, r);
        return d;
    }

    private void check(DutyRecordRequest r) {
        Checks checks = new Checks();
        if (r.date().isAfter(clock.today())) {
            checks.add("date", "履职日期不能晚于今天", "the date must not be in the future");
        }
        if (r.type() == DutyType.RECEPTION || r.type() == DutyType.SUGGESTION) {
            // These come from reception days and referrals, so their counts stay trustworthy.
            checks.add("type", "接待来访和意见建议由接访日和转办自动记录，不能手工添加",
                    "RECEPTION and SUGGESTION records are filled from reception days and referrals");
        }
        checks.throwIfAny();
    }

    private static void apply(DutyRecord d, DutyRecordRequest r) {
        d.type = r.type();
        d.date = r.date();
        d.place = RepresentativeService.blankToNull(r.place());
        d.participants = RepresentativeService.blankToNull(r.participants());
        d.notes = RepresentativeService.blankToNull(r.notes());
        if (r.caseIds() != null) {
            d.caseIds.clear();
            d.caseIds.addAll(r.caseIds());
        }
        d.updatedAt = Instant.now();
    }

    public static DutyRecordView view(DutyRecord d) {
        return new DutyRecordView(d.id, d.representativeId, d.type, d.type.labelZh(), d.date, d.place, d.participants,
                d.notes, d.source, d.communityCode, d.receptionDayId, d.referralId, d.route, d.unitName, d.dueDate,
                d.suggestionStatus, d.answered, d.answeredOnTime, d.caseIds.stream().sorted().toList());
    }

    public List<VoterContactView> voterContacts(Representative rep, boolean full) {
        return VoterContact.<VoterContact>list("representativeId = ?1 order by createdAt", rep.id).stream()
                .map(v -> view(v, full)).toList();
    }

    @Transactional
    public VoterContact addVoterContact(Representative rep, VoterContactRequest r) {
        VoterContact v = new VoterContact();
        v.id = UUID.randomUUID();
        v.representativeId = rep.id;
        v.nameEnc = cipher.encrypt(r.name().trim());
        v.phoneEnc = cipher.encrypt(RepresentativeService.blankToNull(r.phone()));
        v.address = RepresentativeService.blankToNull(r.address());
        v.notes = RepresentativeService.blankToNull(r.notes());
        v.createdAt = Instant.now();
        v.persist();
        return v;
    }

    public VoterContactView view(VoterContact v, boolean full) {
        String name = cipher.decrypt(v.nameEnc);
        String phone = cipher.decrypt(v.phoneEnc);
        return new VoterContactView(v.id, v.representativeId, full ? name : Masking.name(name),
                full ? phone : Masking.phone(phone), v.address, v.notes, !full);
    }
}
