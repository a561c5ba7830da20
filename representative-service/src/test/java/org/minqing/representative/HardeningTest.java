package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.minqing.representative.Fixtures.C11;
import static org.minqing.representative.Fixtures.C11_STAFF;
import static org.minqing.representative.Fixtures.C12;
import static org.minqing.representative.Fixtures.C12_STAFF;
import static org.minqing.representative.Fixtures.DISTRICT;
import static org.minqing.representative.Fixtures.DISTRICT_STAFF;
import static org.minqing.representative.Fixtures.SUB1;
import static org.minqing.representative.Fixtures.SUB1_STAFF;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.service.ReceptionDayService;
import org.minqing.testing.SqlRecorder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The review's items on this service: H3 bounds, L5 one absence runner, L9 range scope filters, L10 roster scope. */
@QuarkusTest
class HardeningTest {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    ReceptionDayService receptionDays;

    /** H3: every number and date a client sends has a sane bound; outside it, 422 naming the field. */
    @Test
    void datesAndSizesOutsideSaneBoundsAre422NamingTheField() {
        Map<String, Object> rep = Fixtures.representative("范围测试", "PARTY_DELEGATE", C11);
        rep.put("termStart", "1900-01-01");
        rep.put("termEnd", "2999-12-31");
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(rep).post("/representatives").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("termStart")).body("errors.field", hasItem("termEnd"));
        UUID x = Fixtures.register("范围代表", "PARTY_DELEGATE", C11);
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON).body(rep).put("/representatives/" + x).then()
                .statusCode(422).body("errors.field", hasItem("termEnd"));
        // reception days at most two years ahead
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, clock.today().plusYears(3), "09:00", "10:00", List.of(x)))
                .post("/reception-days").then().statusCode(422).body("errors.field", hasItem("date"));
        given().auth().oauth2(Fixtures.repToken(x)).queryParam("from", "1900-01-01").get("/reception-days/mine").then()
                .statusCode(422).body("errors.field", hasItem("from"));
        given().auth().oauth2(SUB1_STAFF).queryParam("month", "1900-01").get("/calendar/subdistricts/" + SUB1).then()
                .statusCode(422).body("errors.field", hasItem("month"));
        given().auth().oauth2(C11_STAFF).queryParam("year", 1999).get("/duty-archive/" + x).then()
                .statusCode(422).body("errors.field", hasItem("year"));
        given().auth().oauth2(C11_STAFF).queryParam("year", 2101).get("/duty-archive/" + x + "/summary").then()
                .statusCode(422).body("errors.field", hasItem("year"));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON).body(Map.of("type", "VISIT", "date", "1900-01-01"))
                .post("/duty-archive/" + x + "/records").then().statusCode(422).body("errors.field", hasItem("date"));
        // a roster file over 1 MB, and a row with a term in 1900
        byte[] huge = (RosterImportTest.HEADER + "x".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(SUB1_STAFF).contentType("text/csv; charset=UTF-8").body(huge).post("/representatives/import")
                .then().statusCode(422).body("errors.field", hasItem("file"));
        String row = "王" + UUID.randomUUID().toString().substring(0, 6) + ",党代表,,1900-01-01,2026-12-31," + C11 + ",,,\r\n";
        given().auth().oauth2(SUB1_STAFF).contentType("text/csv; charset=UTF-8")
                .body((RosterImportTest.HEADER + row).getBytes(StandardCharsets.UTF_8)).post("/representatives/import")
                .then().statusCode(422).body("errors.field", hasItem("lines[2].任期开始"));
    }

    /** L5: the nightly absence marker runs on every replica; only the one holding the lock marks. */
    @Test
    void onlyOneReplicaMarksAbsences() throws Exception {
        UUID y = Fixtures.register("锁缺席", "CPPCC_MEMBER", C11);
        LocalDate date = clock.today().plusDays(1);
        UUID day = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, date, "07:00", "07:30", List.of(y)));
        given().auth().oauth2(Fixtures.repToken(y)).post("/reception-days/" + day + "/confirm").then().statusCode(200);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService otherReplica = Executors.newSingleThreadExecutor();
        clock.setOffset(Duration.ofDays(2));
        try {
            // another replica is marking right now: it holds the marker's lock in its transaction
            Future<?> other = otherReplica.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext('minqing.representative.absence-marker')) as text)")
                        .getSingleResult();
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(receptionDays.recordAllAbsences(Actor.system("test-replica"))).as("skipped while another runs").isEqualTo(-1);
            assertThat(absent(day)).isZero();
            release.countDown();
            other.get(30, TimeUnit.SECONDS);
            assertThat(receptionDays.recordAllAbsences(Actor.system("test-replica"))).isGreaterThanOrEqualTo(1);
            assertThat(receptionDays.recordAllAbsences(Actor.system("test-replica"))).isZero();
            assertThat(absent(day)).isEqualTo(1);
            long events = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from outbox_event where message_key = :k and event_type = 'representative.reception-day.absence-recorded'")
                    .setParameter("k", day.toString()).getSingleResult()).longValue());
            assertThat(events).isEqualTo(1);
        } finally {
            release.countDown();
            otherReplica.shutdownNow();
            clock.setOffset(Duration.ZERO);
        }
    }

    private long absent(UUID day) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from roster_slot where reception_day_id = :d and absent").setParameter("d", day)
                .getSingleResult()).longValue());
    }

    /** L10: a roster takes only representatives in the caller's line; another jurisdiction's day is not described. */
    @Test
    void rostersRefuseAndDoNotRevealRepresentativesOutsideTheCallersScope() {
        UUID neighbour = Fixtures.register("邻居代表", "NPC_DEPUTY", C12);
        LocalDate date = clock.today().plusDays(ThreadLocalRandom.current().nextInt(300, 600));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, date, "09:00", "10:00", List.of(neighbour)))
                .post("/reception-days").then().statusCode(400).body("errors.field", hasItem("representativeIds[0]"))
                .body("errors[0].messageEn", containsString("no such representative"));
        // a district deputy serves every community of the district
        Map<String, Object> body = Fixtures.representative("区代表", "NPC_DEPUTY", DISTRICT);
        String districtRep = given().auth().oauth2(DISTRICT_STAFF).contentType(ContentType.JSON).body(body)
                .post("/representatives").then().statusCode(201).extract().path("id");
        UUID c12Day = Fixtures.schedule(C12_STAFF, Fixtures.day(C12, date, "09:00", "10:00",
                List.of(UUID.fromString(districtRep))));
        // community 11's staff learns the deputy is busy, not where, with whom or which day
        String refused = given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, date, "09:30", "10:30", List.of(UUID.fromString(districtRep))))
                .post("/reception-days").then().statusCode(409).body("errors.field", hasItem("representativeIds[0]"))
                .extract().asString();
        assertThat(refused).doesNotContain(c12Day.toString()).doesNotContain(C12).doesNotContain("社区党群服务中心");
        // staff who see both days still get the details
        given().auth().oauth2(SUB1_STAFF).contentType(ContentType.JSON)
                .body(Fixtures.day(C11, date, "09:30", "10:30", List.of(UUID.fromString(districtRep))))
                .post("/reception-days").then().statusCode(409).body("detail", containsString(c12Day.toString()));
        // and changing a roster checks the same
        UUID own = Fixtures.register("本社区代表", "PARTY_DELEGATE", C11);
        UUID c11Day = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, date.plusDays(1), "09:00", "10:00", List.of(own)));
        given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                .body(Map.of("representativeIds", List.of(own.toString(), neighbour.toString())))
                .put("/reception-days/" + c11Day + "/roster").then().statusCode(400)
                .body("errors.field", hasItem("representativeIds[1]"));
        given().auth().oauth2(C11_STAFF).get("/reception-days/" + c11Day).then().statusCode(200)
                .body("roster.representativeId", not(hasItem(neighbour.toString())));
        // a roster made before this check, with the neighbour on it: community 11's staff is not told who that is
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into roster_slot (id, reception_day_id, representative_id, status) values (:id, :d, :r, 'INVITED')")
                .setParameter("id", UUID.randomUUID()).setParameter("d", c11Day).setParameter("r", neighbour).executeUpdate());
        given().auth().oauth2(C11_STAFF).get("/reception-days/" + c11Day).then().statusCode(200)
                .body("roster.find { it.representativeId == '" + neighbour + "' }.name", org.hamcrest.Matchers.nullValue())
                .body("roster.find { it.representativeId == '" + own + "' }.name", org.hamcrest.Matchers.is("本社区代表"));
        given().auth().oauth2(SUB1_STAFF).get("/reception-days/" + c11Day).then().statusCode(200)
                .body("roster.find { it.representativeId == '" + neighbour + "' }.name", org.hamcrest.Matchers.is("邻居代表"));
    }

    /** L9: the scope filters are code ranges (an index serves them under any collation), not LIKE 'prefix%'. */
    @Test
    void scopeFiltersAreRanges() {
        Fixtures.register("范围查询", "PARTY_DELEGATE", C11);
        List<String> sql = SqlRecorder.during("(representative|liaison_officer|reception_day)", () -> {
            given().auth().oauth2(SUB1_STAFF).get("/representatives").then().statusCode(200);
            given().auth().oauth2(SUB1_STAFF).get("/liaison-officers").then().statusCode(200);
            given().auth().oauth2(SUB1_STAFF).get("/calendar/subdistricts/" + SUB1).then().statusCode(200);
        });
        java.util.regex.Pattern scopeFilter = java.util.regex.Pattern
                .compile("(?is)\\bwhere\\b.*\\.(constituency_code|community_code)\\b");
        List<String> scoped = sql.stream().filter(s -> scopeFilter.matcher(s).find()).toList();
        assertThat(scoped).isNotEmpty();
        for (String s : scoped) {
            assertThat(s).as(s).doesNotContainIgnoringCase(" like ").containsIgnoringCase("between");
        }
    }
}
