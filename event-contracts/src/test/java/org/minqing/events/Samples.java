package org.minqing.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.intake.Urgency;
import org.minqing.events.notification.NoticeChannel;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.events.notification.NoticeSent;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ProgressRecorded;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.ReferralReturned;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.ResidentInformed;
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.Tier;
import org.minqing.events.representative.AbsenceRecorded;
import org.minqing.events.representative.LiaisonOfficerRegistered;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeConfirmed;
import org.minqing.events.representative.RepresentativeDeclined;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RepresentativeUpdated;
import org.minqing.events.representative.RosterChanged;
import org.minqing.events.representative.RosterEntry;

/**
 * One sample payload per event type, every {@link Nullable} component filled so its type is
 * exercised. The switch has no default on purpose: a new {@link EventType} without a sample does
 * not compile.
 */
final class Samples {

    static final String COMMUNITY = "310104011002";
    static final String SUBDISTRICT = "310104011000";
    static final String DAY = "6f1c2a8e-0d5b-4f57-9a43-1b2c3d4e5f60";
    static final String REP = "0b8f0c4e-7a0d-4c6e-8f41-2a9d3c7e1b55";
    static final String CASE = "a3e4b0c1-92d7-4f3a-8c15-77b6e2d9f001";
    static final String REFERRAL = "c9d8e7f6-1a2b-4c3d-9e8f-0a1b2c3d4e5f";
    static final String UNIT = "unit-housing-bureau";
    static final LocalDate DATE = LocalDate.of(2025, 6, 15);
    static final Instant AT = Instant.parse("2025-06-15T02:30:00.123Z");

    private Samples() {
    }

    static Record sample(EventType type) {
        List<RosterEntry> roster = List.of(
                new RosterEntry(REP, "张建国", RepresentativeKind.NPC_DEPUTY, RepresentativeLevel.DISTRICT),
                new RosterEntry("rep-2", "李梅", RepresentativeKind.PARTY_DELEGATE, null));
        return switch (type) {
            case RECEPTION_DAY_SCHEDULED -> new ReceptionDayScheduled(DAY, COMMUNITY, DATE,
                    LocalTime.of(9, 0), LocalTime.of(11, 30), "社区党群服务中心二楼", roster);
            case RECEPTION_DAY_RESCHEDULED -> new ReceptionDayRescheduled(DAY, COMMUNITY, DATE.plusDays(7),
                    LocalTime.of(14, 0), LocalTime.of(16, 0), "社区党群服务中心一楼", "台风预警");
            case RECEPTION_DAY_CANCELLED -> new ReceptionDayCancelled(DAY, COMMUNITY, DATE, "台风停课停工");
            case RECEPTION_DAY_ROSTER_CHANGED -> new RosterChanged(DAY, COMMUNITY, DATE, roster,
                    List.of("rep-2"), List.of("rep-3"));
            case RECEPTION_DAY_REPRESENTATIVE_CONFIRMED -> new RepresentativeConfirmed(DAY, COMMUNITY, DATE, REP);
            case RECEPTION_DAY_REPRESENTATIVE_DECLINED -> new RepresentativeDeclined(DAY, COMMUNITY, DATE, REP, "出差");
            case RECEPTION_DAY_ABSENCE_RECORDED -> new AbsenceRecorded(DAY, COMMUNITY, DATE, REP);
            case REPRESENTATIVE_REGISTERED -> new RepresentativeRegistered(REP, "张建国",
                    RepresentativeKind.NPC_DEPUTY, RepresentativeLevel.DISTRICT, COMMUNITY, "泾水代表联络站",
                    true, "zhangjg", sealed(type, REP, "email", "zhangjg@rd.example.gov.cn"),
                    sealed(type, REP, "mobile", "13800000000"));
            case REPRESENTATIVE_UPDATED -> new RepresentativeUpdated(REP, "张建国",
                    RepresentativeKind.NPC_DEPUTY, RepresentativeLevel.CITY, COMMUNITY, "泾水代表联络站",
                    false, "zhangjg", sealed(type, REP, "email", "zhangjg@rd.example.gov.cn"),
                    sealed(type, REP, "mobile", "13800000000"));
            case LIAISON_OFFICER_REGISTERED -> new LiaisonOfficerRegistered("lo-1", "王芳", COMMUNITY,
                    "wangf", sealed(type, "lo-1", "email", "wangf@example.gov.cn"), sealed(type, "lo-1", "mobile", "13900000000"));
            case CASE_RECORDED -> new CaseRecorded(CASE, IntakeChannel.RECEPTION_DAY, COMMUNITY,
                    "housing", "泾水公寓40、78、84号楼", 31.1882, 121.4365, "新建高层遮挡采光", 120, 300, true,
                    Urgency.URGENT, DAY, List.of(REP, "rep-2"), 6, false, true, AT);
            case CASE_FEEDBACK_GIVEN -> new FeedbackGiven(CASE, Satisfaction.UNSATISFIED, "问题仍未解决", AT);
            case REFERRAL_OPENED -> new ReferralOpened(REFERRAL, CASE, COMMUNITY, "housing",
                    Route.SUBDISTRICT_DEPARTMENT, UNIT, DATE.plusDays(15));
            case REFERRAL_REFERRED -> new ReferralReferred(REFERRAL, CASE, Route.REPRESENTATIVE_CONTACT, UNIT,
                    "区房管局", REP, DATE.plusDays(60), true);
            case REFERRAL_ACCEPTED -> new ReferralAccepted(REFERRAL, CASE, UNIT, DATE.plusDays(60));
            case REFERRAL_RETURNED -> new ReferralReturned(REFERRAL, CASE, UNIT, "不属于本单位职责");
            case REFERRAL_PROGRESS_RECORDED -> new ProgressRecorded(REFERRAL, CASE, UNIT, "已约谈建设单位");
            case REFERRAL_REPLIED -> new ReferralReplied(REFERRAL, CASE, UNIT, "已组织日照复核", AT, true);
            case REFERRAL_RESIDENT_INFORMED -> new ResidentInformed(REFERRAL, CASE, AT);
            case REFERRAL_CLOSED -> new ReferralClosed(REFERRAL, CASE, "已答复并告知", Satisfaction.BASICALLY_SATISFIED);
            case REFERRAL_REOPENED -> new ReferralReopened(REFERRAL, CASE, "来访人不满意", DATE.plusDays(30));
            case REFERRAL_EXTENDED -> new ReferralExtended(REFERRAL, CASE, 30, "需第三方日照检测", DATE.plusDays(90));
            case REFERRAL_DEADLINE_APPROACHING -> new DeadlineApproaching(REFERRAL, CASE, DeadlineKind.RESOLVE,
                    DATE.plusDays(60), UNIT, 3);
            case REFERRAL_OVERDUE -> new ReferralOverdue(REFERRAL, CASE, DeadlineKind.ACKNOWLEDGE, DATE, UNIT);
            case REFERRAL_ESCALATED -> new ReferralEscalated(REFERRAL, CASE, Tier.COMMUNITY, Tier.SUBDISTRICT,
                    SUBDISTRICT, "超期未答复");
            case REFERRAL_SUPERVISION_ISSUED -> new SupervisionIssued(REFERRAL, CASE, "请于五个工作日内答复",
                    DATE.plusDays(7), "staff-subdistrict-1");
            case REFERRAL_SUPERVISION_REQUESTED -> new org.minqing.events.referral.SupervisionRequested(REFERRAL, CASE,
                    "请于五个工作日内答复", DATE.plusDays(7), "staff-district-1", "310104000000");
            case REFERRAL_REPEAT_LINKED -> new RepeatLinked(REFERRAL, CASE, "b1b2b3b4-0000-4000-8000-000000000002", 3, 2);
            case REFERRAL_REVIEW_REQUESTED -> new ReviewRequested(REFERRAL, CASE, "两次评价不满意");
            case LINE_CHANGED -> new org.minqing.events.intake.LineChanged("housing", "住房保障", "Housing",
                    "住房保障、旧区改造 / housing, renovation", 10, true);
            case UNIT_CHANGED -> new org.minqing.events.referral.HandlingUnitChanged("8d2e4f10-2b02-4d7a-8b02-000000000001",
                    "第一街道房屋管理办公室", org.minqing.events.referral.UnitTier.SUBDISTRICT, java.util.List.of("housing", "planning"),
                    COMMUNITY, true, "房管办值班", "housing@unit.example.gov.cn", "13900000001", "unit.housing");
            case DEADLINE_POLICY_CHANGED -> new org.minqing.events.referral.DeadlinePolicyChanged("RESOLVE/*", "RESOLVE", "*", 60,
                    org.minqing.events.referral.DeadlinePolicyChanged.PeriodUnit.CALENDAR_DAYS, "《信访工作条例》第三十二条");
            case CALENDAR_YEAR_CHANGED -> new org.minqing.events.referral.CalendarYearChanged("2027", 2027, java.util.List.of(
                    new org.minqing.events.referral.CalendarYearChanged.Day(java.time.LocalDate.of(2027, 1, 1),
                            org.minqing.events.referral.CalendarYearChanged.DayKind.HOLIDAY, "元旦")));
            case ROUTING_RULE_CHANGED -> new org.minqing.events.referral.RoutingRuleChanged("housing@310104000000", "housing",
                    "310104000000", Route.REPRESENTATIVE_CONTACT, "8d2e4f10-2b02-4d7a-8b02-000000000001");
            case NOTICE_SENT -> new NoticeSent("n-1", "5f0e7a1c-3b2d-4c5e-8f9a-0b1c2d3e4f50",
                    "representative.reception-day.scheduled", NoticeChannel.SMS, "REPRESENTATIVE", REP, AT);
            case NOTICE_FAILED -> new NoticeFailed("n-2", "5f0e7a1c-3b2d-4c5e-8f9a-0b1c2d3e4f50",
                    "representative.reception-day.scheduled", NoticeChannel.EMAIL, "REPRESENTATIVE", REP, 5,
                    "550 mailbox unavailable", true);
        };
    }

    /** The same payload with every {@link Nullable} component set to null. */
    static Record withoutOptionals(Record payload) {
        RecordComponent[] components = payload.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].isAnnotationPresent(Nullable.class)
                        ? null : components[i].getAccessor().invoke(payload);
            }
            Constructor<?> canonical = payload.getClass().getDeclaredConstructor(types);
            return (Record) canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The aggregate id: by convention the payload's first component. */
    static String aggregateId(Record payload) {
        try {
            return (String) payload.getClass().getRecordComponents()[0].getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static EventEnvelope envelope(EventType type, Record payload) {
        return EventEnvelope.of(type, COMMUNITY, aggregateId(payload), "corr-" + type.name(),
                new Actor("staff-community-1", "community-staff"), payload);
    }

    /** A test-only event-contact key (32 zero-to-31 bytes); production keys come from the secret store. */
    static final byte[] CONTACT_KEY = new byte[32];
    static {
        for (int i = 0; i < 32; i++) {
            CONTACT_KEY[i] = (byte) i;
        }
    }

    static String sealed(EventType type, String aggregateId, String field, String plaintext) {
        return SealedContact.seal("ectest", CONTACT_KEY, type, aggregateId, field, plaintext);
    }
}
