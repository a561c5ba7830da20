package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.minqing.representative.Fixtures.C11;
import static org.minqing.representative.Fixtures.C11_STAFF;
import static org.minqing.representative.Fixtures.C12;
import static org.minqing.representative.Fixtures.C12_STAFF;
import static org.minqing.representative.Fixtures.SUB1;
import static org.minqing.representative.Fixtures.SUB1_STAFF;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.kit.time.AppClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Reception days (民情接访日): warnings, roster conflicts, answers by the representative, changes, calendar, scope. */
@QuarkusTest
class ReceptionDayTest {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    /** A future date of its own per test, so tests never share a slot. */
    private LocalDate futureDate() {
        return clock.today().plusDays(ThreadLocalRandom.current().nextInt(20, 300));
    }

    @Test
    void aRosterWithoutAllThreeKindsIsScheduledWithAWarning() {
        UUID npc = Fixtures.register("人大甲", "NPC_DEPUTY", C11);
        UUID party = Fixtures.register("党代表甲", "PARTY_DELEGATE", C11);
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, futureDate(), "09:00", "11:30", List.of(npc, party)))
                .post("/reception-days").then().statusCode(201)
                .body("status", is("SCHEDULED"))
                .body("roster", hasSize(2))
                .body("roster.status", everyItemIs("INVITED"))
                .body("warnings.code", hasItem("roster-missing-kind:CPPCC_MEMBER"))
                .body("warnings.messageZh", hasItem(containsString("政协委员")));
        // A representative whose term ends before the day is flagged too.
        Map<String, Object> leaving = Fixtures.representative("即将离任", "CPPCC_MEMBER", C11);
        leaving.put("termEnd", clock.today().plusDays(5).toString());
        String leavingId = given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(leaving)
                .post("/representatives").then().statusCode(201).extract().path("id");
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, clock.today().plusDays(30), "09:00", "11:30", List.of(npc, party, UUID.fromString(leavingId))))
                .post("/reception-days").then().statusCode(201)
                .body("warnings.code", hasItem("term-ended:" + leavingId));
        List<UUID> trio = Fixtures.trio("乙");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, futureDate(), "09:00", "11:30", trio))
                .post("/reception-days").then().statusCode(201).body("warnings", empty());
    }

    @Test
    void aRepresentativeOnAnOverlappingRosterIsRefusedWith409NamingTheOtherDay() {
        List<UUID> trio = Fixtures.trio("冲突");
        LocalDate date = futureDate();
        UUID first = Fixtures.schedule(SUB1_STAFF, Fixtures.day(C11, date, "09:00", "11:00", trio));
        UUID other = Fixtures.register("其他代表", "NPC_DEPUTY", C12);

        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C12, date, "10:30", "12:00", List.of(other, trio.get(2))))
                .post("/reception-days").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("roster-conflict"))
                .body("detail", containsString(first.toString()))
                .body("errors.field", hasItem("representativeIds[1]"))
                .body("errors[0].messageZh", containsString(first.toString()));
        // Nothing was written for the refused day.
        assertThat(daysOf(other)).isZero();

        // Back to back is no overlap; the same slot on another date neither.
        UUID backToBack = Fixtures.schedule(SUB1_STAFF, Fixtures.day(C12, date, "11:00", "12:00", List.of(other, trio.get(2))));
        Fixtures.schedule(SUB1_STAFF, Fixtures.day(C12, date.plusDays(1), "09:00", "11:00", List.of(trio.get(0))));

        // Adding a clashing representative to another roster is refused as well.
        UUID third = Fixtures.schedule(SUB1_STAFF, Fixtures.day(C12, date.plusDays(2), "09:00", "11:00", List.of(other)));
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                .body(Map.of("date", date.toString(), "startTime", "11:30", "endTime", "12:30", "place", "新地点", "reason", "场地调整"))
                .post("/reception-days/" + third + "/reschedule").then().statusCode(409)
                .body("detail", containsString(backToBack.toString()));

        // Once the first representative declines, their slot is free again.
        given().auth().oauth2(Fixtures.repToken(trio.get(1))).contentType(ContentType.JSON)
                .body(Map.of("reason", "出差"))
                .post("/reception-days/" + first + "/decline").then().statusCode(200);
        Fixtures.schedule(SUB1_STAFF, Fixtures.day(C12, date, "09:30", "10:00", List.of(trio.get(1))));
    }

    @Test
    void twoStaffSchedulingTheSameRepresentativeAtOnceGetOneDayAndOne409() throws Exception {
        UUID rep = Fixtures.register("并发代表", "CPPCC_MEMBER", C11);
        LocalDate date = futureDate();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String community : List.of(C11, C12)) {
                answers.add(pool.submit(() -> given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                        .body(Fixtures.day(community, date, "09:00", "11:00", List.of(rep)))
                        .post("/reception-days").then().extract().statusCode()));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : answers) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(daysOf(rep)).isEqualTo(1);
    }

    @Test
    void representativesAnswerOnlyForThemselvesAndStaffChangeRescheduleAndCancel() {
        List<UUID> trio = Fixtures.trio("答复");
        UUID day = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, futureDate(), "14:00", "16:00", trio));

        given().auth().oauth2(Fixtures.repToken(trio.get(0))).post("/reception-days/" + day + "/confirm")
                .then().statusCode(200)
                .body("roster.find { it.representativeId == '" + trio.get(0) + "' }.status", is("CONFIRMED"));
        given().auth().oauth2(Fixtures.repToken(trio.get(1))).contentType(ContentType.JSON)
                .body(Map.of("reason", "参加区人代会")).post("/reception-days/" + day + "/decline")
                .then().statusCode(200)
                .body("roster.find { it.representativeId == '" + trio.get(1) + "' }.declineReason", is("参加区人代会"))
                .body("warnings.code", hasItem("roster-missing-kind:PARTY_DELEGATE"));
        // Someone not on the roster, and staff, cannot answer.
        UUID outsider = Fixtures.register("局外人", "PARTY_DELEGATE", C11);
        given().auth().oauth2(Fixtures.repToken(outsider)).post("/reception-days/" + day + "/confirm").then().statusCode(403);
        given().auth().oauth2(Fixtures.repToken(trio.get(0))).get("/reception-days/mine").then().statusCode(200)
                .body("id", hasItem(day.toString()));
        given().auth().oauth2(Fixtures.repToken(outsider)).get("/reception-days/mine").then().statusCode(200)
                .body("id", not(hasItem(day.toString())));
        given().auth().oauth2(C11_STAFF).post("/reception-days/" + day + "/confirm").then().statusCode(403);

        // Roster change: the outsider replaces the declined delegate.
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Map.of("representativeIds", List.of(trio.get(0).toString(), outsider.toString(), trio.get(2).toString())))
                .put("/reception-days/" + day + "/roster").then().statusCode(200)
                .body("roster.representativeId", hasItems(outsider.toString()))
                .body("roster.representativeId", not(hasItem(trio.get(1).toString())))
                .body("warnings", empty());

        LocalDate newDate = futureDate().plusDays(400);
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Map.of("date", newDate.toString(), "startTime", "09:00", "endTime", "11:00", "place", "社区活动室", "reason", "与区人代会冲突"))
                .post("/reception-days/" + day + "/reschedule").then().statusCode(200)
                .body("date", is(newDate.toString())).body("place", is("社区活动室"))
                .body("roster.status", everyItemIs("INVITED"));

        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(Map.of("reason", "台风预警"))
                .post("/reception-days/" + day + "/cancel").then().statusCode(200)
                .body("status", is("CANCELLED")).body("cancelReason", is("台风预警"));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(Map.of("reason", "再取消"))
                .post("/reception-days/" + day + "/cancel").then().statusCode(409);

        List<String> types = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select event_type from outbox_event where message_key = :k order by id", String.class)
                .setParameter("k", day.toString()).getResultList());
        assertThat(types).containsExactly(
                "representative.reception-day.scheduled",
                "representative.reception-day.representative-confirmed",
                "representative.reception-day.representative-declined",
                "representative.reception-day.roster-changed",
                "representative.reception-day.rescheduled",
                "representative.reception-day.cancelled");
    }

    @Test
    void monthlyCalendarsPerSubdistrictAndCommunityRespectScope() {
        LocalDate date = futureDate();
        UUID a = Fixtures.register("日历甲", "NPC_DEPUTY", C11);
        UUID b = Fixtures.register("日历乙", "NPC_DEPUTY", C12);
        UUID inC11 = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, date, "09:00", "10:00", List.of(a)));
        UUID inC12 = Fixtures.schedule(C12_STAFF, Fixtures.day(C12, date, "09:00", "10:00", List.of(b)));
        String month = YearMonth.from(date).toString();

        given().auth().oauth2(SUB1_STAFF).queryParam("month", month).get("/calendar/subdistricts/" + SUB1)
                .then().statusCode(200).body("receptionDays.id", hasItems(inC11.toString(), inC12.toString()));
        given().auth().oauth2(C11_STAFF).queryParam("month", month).get("/calendar/communities/" + C11)
                .then().statusCode(200).body("receptionDays.id", hasItem(inC11.toString()))
                .body("receptionDays.id", not(hasItem(inC12.toString())));
        // A community's staff: 403 for the neighbour's or the sub-district's calendar, 404 for the neighbour's day.
        given().auth().oauth2(C12_STAFF).queryParam("month", month).get("/calendar/communities/" + C11).then().statusCode(403);
        given().auth().oauth2(C12_STAFF).queryParam("month", month).get("/calendar/subdistricts/" + SUB1).then().statusCode(403);
        given().auth().oauth2(C12_STAFF).get("/reception-days/" + inC11).then().statusCode(404);
        given().auth().oauth2(C12_STAFF).contentType(ContentType.JSON).body(Map.of("reason", "越权"))
                .post("/reception-days/" + inC11 + "/cancel").then().statusCode(404);
        given().auth().oauth2(C12_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, futureDate(), "09:00", "10:00", List.of(b)))
                .post("/reception-days").then().statusCode(403).contentType("application/problem+json");
        // Bad shapes.
        given().auth().oauth2(SUB1_STAFF).get("/calendar/subdistricts/" + C11).then().statusCode(400).body("errors.field", hasItem("code"));
        given().auth().oauth2(SUB1_STAFF).queryParam("month", "2026-13").get("/calendar/subdistricts/" + SUB1)
                .then().statusCode(400).body("errors.field", hasItem("month"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        UUID rep = Fixtures.register("校验代表", "NPC_DEPUTY", C11);
        Map<String, Object> past = Fixtures.day(C11, clock.today().minusDays(1), "09:00", "11:00", List.of(rep));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(past)
                .post("/reception-days").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("date"));
        Map<String, Object> endBeforeStart = Fixtures.day(C11, futureDate(), "11:00", "09:00", List.of(rep));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(endBeforeStart)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("endTime"));
        Map<String, Object> subdistrictCode = Fixtures.day(SUB1, futureDate(), "09:00", "11:00", List.of(rep));
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(subdistrictCode)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("communityCode"));
        Map<String, Object> shortCode = Fixtures.day("31010400100", futureDate(), "09:00", "11:00", List.of(rep));
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(shortCode)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("communityCode"));
        Map<String, Object> oversized = Fixtures.day(C11, futureDate(), "09:00", "11:00", List.of(rep));
        oversized.put("place", "地".repeat(201));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(oversized)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("place"));
        Map<String, Object> unknownRep = Fixtures.day(C11, futureDate(), "09:00", "11:00", List.of(rep, UUID.randomUUID()));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(unknownRep)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("representativeIds[1]"));
        Map<String, Object> badTime = Fixtures.day(C11, futureDate(), "9点", "11:00", List.of(rep));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(badTime)
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("startTime"));
        assertThat(daysOf(rep)).isZero();
    }

    private long daysOf(UUID rep) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from roster_slot where representative_id = :r")
                .setParameter("r", rep).getSingleResult()).longValue());
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(is(value));
    }
}
