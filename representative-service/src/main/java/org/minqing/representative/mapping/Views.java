package org.minqing.representative.mapping;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.representative.DutyType;

/** What the service answers. Contact fields are full or masked depending on who asks. */
public final class Views {

    private Views() {
    }

    public record RepresentativeView(UUID id, String name, RepresentativeKind kind, String kindLabel,
            RepresentativeLevel level, LocalDate termStart, LocalDate termEnd, String constituencyCode,
            String liaisonStation, String phone, String email, boolean contactMasked, String userSubject,
            boolean active) {
    }

    public record LiaisonOfficerView(UUID id, String name, String communityCode, String phone, String email,
            boolean contactMasked, String userSubject, boolean active) {
    }

    public record RosterView(UUID representativeId, String name, RepresentativeKind kind, RepresentativeLevel level,
            String status, String declineReason, boolean attended, boolean absent) {
    }

    /** A warning does not stop the action; it tells staff what to look at (e.g. a kind missing from the roster). */
    public record Warning(String code, String message, String messageZh, String messageEn) {
        public static Warning of(String code, String zh, String en) {
            return new Warning(code, zh + " / " + en, zh, en);
        }
    }

    public record ReceptionDayView(UUID id, String communityCode, LocalDate date, LocalTime startTime,
            LocalTime endTime, String place, String status, String cancelReason, List<RosterView> roster,
            List<Warning> warnings) {
    }

    public record CalendarView(String jurisdiction, String month, List<ReceptionDayView> receptionDays) {
    }

    public record DutyRecordView(UUID id, UUID representativeId, DutyType type, String typeLabel, LocalDate date,
            String place, String participants, String notes, String source, String communityCode,
            UUID receptionDayId, String referralId, String route, String unitName, LocalDate dueDate,
            String suggestionStatus, boolean answered, Boolean answeredOnTime, List<String> caseIds) {
    }

    public record AbsenceView(UUID receptionDayId, String communityCode, LocalDate date, String place) {
    }

    public record ArchiveView(UUID representativeId, List<DutyRecordView> records, List<AbsenceView> absences) {
    }

    public record VoterContactView(UUID id, UUID representativeId, String name, String phone, String address,
            String notes, boolean contactMasked) {
    }

    public record ImportResult(int imported, List<UUID> ids) {
    }

    public record YearSummary(UUID representativeId, String name, RepresentativeKind kind, String kindLabel,
            int year, Map<DutyType, Long> countsByType, long receptionDaysAssigned, long receptionDaysAttended,
            long receptionDaysAbsent, long suggestionsRaised, long suggestionsAnswered,
            long suggestionsAnsweredOnTime, List<DutyRecordView> records, List<AbsenceView> absences) {
    }

    // ---- Console II (issue 13): the work report, printed documents, the jurisdiction's duty archive ----

    public record ReceptionDayCounts(long held, long upcoming, long cancelled, long communities) {
    }

    /** One kind's attendance on held reception days, in person-times (人次) except {@code representatives} (人数). */
    public record KindAttendance(RepresentativeKind kind, String kindLabel, long rostered, long attended, long absent,
            long declined, long representatives) {
    }

    public record AttendanceCounts(List<KindAttendance> byKind, KindAttendance total) {
    }

    public record ReceptionCounts(long records, long casesReceived) {
    }

    public record RouteCount(String route, long count) {
    }

    public record SuggestionCounts(long raised, long answered, long answeredOnTime, List<RouteCount> byRoute) {
    }

    public record CommunityCounts(String communityCode, long held, long cancelled, long attended, long absent,
            long casesReceived) {
    }

    /** The numbers of a work report (工作汇报) this service owns, for a period and a jurisdiction. */
    public record WorkReport(String jurisdiction, LocalDate from, LocalDate to, java.time.Instant generatedAt,
            ReceptionDayCounts receptionDays, AttendanceCounts attendance, ReceptionCounts receptions,
            SuggestionCounts suggestions, List<CommunityCounts> byCommunity) {
    }

    public record Receiver(String name, RepresentativeKind kind, String kindLabel, RepresentativeLevel level) {
    }

    /** 公告: what residents are told — when, where, who receives; no contact data. */
    public record NoticeView(UUID id, String communityCode, String subdistrictCode, LocalDate date, String weekday,
            LocalTime startTime, LocalTime endTime, String place, String status, String cancelReason,
            List<Receiver> receivers) {
    }

    public record SignInRow(int no, UUID representativeId, String name, RepresentativeKind kind, String kindLabel,
            RepresentativeLevel level, String liaisonStation, String status, boolean attended, boolean absent) {
    }

    public record DeclinedEntry(UUID representativeId, String name, String kindLabel, String declineReason) {
    }

    /** 签到表: the day's roster as printed for signatures. */
    public record SignInSheetView(UUID id, String communityCode, String subdistrictCode, LocalDate date, String weekday,
            LocalTime startTime, LocalTime endTime, String place, String status, String cancelReason,
            List<SignInRow> rows, List<DeclinedEntry> declined) {
    }

    /** One representative's year in the jurisdiction-wide duty archive report. */
    public record ArchiveRow(UUID representativeId, String name, RepresentativeKind kind, String kindLabel,
            RepresentativeLevel level, String constituencyCode, String liaisonStation, LocalDate termStart,
            LocalDate termEnd, boolean active, Map<DutyType, Long> countsByType, long receptionDaysAssigned,
            long receptionDaysAttended, long receptionDaysAbsent, long suggestionsRaised, long suggestionsAnswered,
            long suggestionsAnsweredOnTime) {
    }

    public record ArchivePage(String jurisdiction, int year, long total, int page, int size, List<ArchiveRow> rows) {
    }
}
