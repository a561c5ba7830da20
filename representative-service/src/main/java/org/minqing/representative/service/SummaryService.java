package org.minqing.representative.service;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.minqing.representative.DutyRecord;
import org.minqing.representative.DutyType;
import org.minqing.representative.ReceptionDay;
import org.minqing.representative.Representative;
import org.minqing.representative.RosterSlot;
import org.minqing.representative.mapping.Labels;
import org.minqing.representative.mapping.Views.AbsenceView;
import org.minqing.representative.mapping.Views.YearSummary;

/** A representative's year in numbers (年度履职统计): what the workbook and the printable page show. */
@ApplicationScoped
public class SummaryService {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    public YearSummary summary(Representative rep, int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        List<DutyRecord> records = DutyRecord.list(
                "representativeId = ?1 and date >= ?2 and date <= ?3 order by date, createdAt", rep.id, from, to);
        Map<DutyType, Long> counts = new EnumMap<>(DutyType.class);
        for (DutyType t : DutyType.values()) {
            counts.put(t, 0L);
        }
        records.forEach(r -> counts.merge(r.type, 1L, Long::sum));
        // counted by the database (M1): the slots and their days are not loaded one by one
        Object[] c = (Object[]) em.createNativeQuery("""
                select count(*) filter (where s.status <> :declined), count(*) filter (where s.attended),
                       count(*) filter (where s.absent)
                from roster_slot s join reception_day d on d.id = s.reception_day_id
                where s.representative_id = :rep and d.status = :scheduled and d.day >= :from and d.day <= :to""")
                .setParameter("declined", RosterSlot.DECLINED).setParameter("rep", rep.id)
                .setParameter("scheduled", ReceptionDay.SCHEDULED).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        long assigned = ((Number) c[0]).longValue();
        long attended = ((Number) c[1]).longValue();
        long absent = ((Number) c[2]).longValue();
        List<DutyRecord> suggestions = records.stream().filter(r -> r.type == DutyType.SUGGESTION).toList();
        long answered = suggestions.stream().filter(r -> r.answered).count();
        long onTime = suggestions.stream().filter(r -> r.answered && Boolean.TRUE.equals(r.answeredOnTime)).count();
        // the year's absences, for the workbook's 缺席记录 sheet
        List<AbsenceView> absences = RosterSlot.<RosterSlot>list("representativeId = ?1 and absent = true "
                + "and receptionDay.date >= ?2 and receptionDay.date <= ?3 order by receptionDay.date", rep.id, from, to)
                .stream().map(s -> new AbsenceView(s.receptionDay.id, s.receptionDay.communityCode, s.receptionDay.date,
                        s.receptionDay.place)).toList();
        return new YearSummary(rep.id, rep.name, rep.kind, Labels.kind(rep.kind, rep.level), year, counts,
                assigned, attended, absent, suggestions.size(), answered, onTime,
                records.stream().map(DutyArchiveService::view).toList(), absences);
    }
}
