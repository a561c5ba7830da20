package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Deadline arithmetic against the seeded calendar (CALENDAR.md): 民法典 period rules, national
 * holidays and adjusted working weekends, and a year loaded by an operator without a release.
 */
@QuarkusTest
class WorkingCalendarTest {

    @Inject
    WorkingCalendar calendar;

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void adjustedWorkingWeekendsWorkAndHolidayWeekdaysRest() {
        assertThat(calendar.isWorkingDay(d("2025-09-28"))).as("Sun 09-28 调休上班").isTrue();
        assertThat(calendar.isWorkingDay(d("2025-10-11"))).as("Sat 10-11 调休上班").isTrue();
        assertThat(calendar.isWorkingDay(d("2025-10-08"))).as("Wed 10-08 国庆").isFalse();
        assertThat(calendar.isWorkingDay(d("2025-10-12"))).as("ordinary Sunday").isFalse();
        assertThat(calendar.isWorkingDay(d("2026-02-14"))).as("Sat 02-14 调休上班").isTrue();
        assertThat(calendar.isWorkingDay(d("2026-02-23"))).as("Mon 02-23 春节").isFalse();
    }

    @Test
    void calendarDayPeriodsAcrossNationalDayRollToTheNextWorkingDay() {
        // 15 days from 2025-09-20: nominal 10-05 falls in the 10-01…10-08 holiday → Thu 10-09
        assertThat(calendar.plusCalendarDays(d("2025-09-20"), 15)).isEqualTo(d("2025-10-09"));
        // ending on the adjusted working Sunday 09-28 is not rolled forward
        assertThat(calendar.plusCalendarDays(d("2025-09-13"), 15)).isEqualTo(d("2025-09-28"));
        // ending on an ordinary Saturday rolls to Monday
        assertThat(calendar.plusCalendarDays(d("2025-11-07"), 15)).isEqualTo(d("2025-11-24"));
        // 60 days of Art. 34 across Spring Festival 2026: nominal 02-17 → Tue 02-24
        assertThat(calendar.plusCalendarDays(d("2025-12-19"), 60)).isEqualTo(d("2026-02-24"));
    }

    @Test
    void workingDaysSkipHolidaysAndCountAdjustedWeekends() {
        // Fri 09-26 + 3 working days: Sun 09-28 (调休), Mon 09-29, Tue 09-30
        assertThat(calendar.plusWorkingDays(d("2025-09-26"), 3)).isEqualTo(d("2025-09-30"));
        // Tue 09-30 + 3 working days: 10-09, 10-10, Sat 10-11 (调休)
        assertThat(calendar.plusWorkingDays(d("2025-09-30"), 3)).isEqualTo(d("2025-10-11"));
        // 2026 Spring Festival: Fri 02-13 + 1 = Sat 02-14 (调休); + 2 = Tue 02-24 after the holiday
        assertThat(calendar.plusWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(calendar.plusWorkingDays(d("2026-02-13"), 2)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.workingDaysBetween(d("2025-09-30"), d("2025-10-11"))).isEqualTo(3);
    }

    @Test
    void monthPeriodsEndOnTheCorrespondingDayOrTheMonthsLastDay() {
        // 3 months from 2025-11-30 → 2026-02-28 (no 30th), a Saturday that is 调休上班 → stays
        assertThat(calendar.plusMonths(d("2025-11-30"), 3)).isEqualTo(d("2026-02-28"));
        // 1 month from 2025-10-31 → 11-30 (Sunday) → Mon 12-01
        assertThat(calendar.plusMonths(d("2025-10-31"), 1)).isEqualTo(d("2025-12-01"));
        // 6 months from 2025-08-15 → 2026-02-15, inside Spring Festival → 02-24
        assertThat(calendar.add(d("2025-08-15"), 6, PeriodUnit.MONTHS)).isEqualTo(d("2026-02-24"));
    }

    @Test
    void anOperatorLoadsAYearAsDataAndTheCalendarUsesIt() {
        given().auth().oauth2(Fixtures.DISTRICT).get("/calendar").then().statusCode(200)
                .body("$", hasItem(2025)).body("$", hasItem(2026));
        // 2024 is not shipped: 15 days from 2024-09-20 ends Sat 10-05 → only the weekend rolls, to Mon 10-07
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("from", "2024-09-20").queryParam("amount", 15)
                .queryParam("unit", "CALENDAR_DAYS").get("/calendar/deadline").then().statusCode(200)
                .body("due", is("2024-10-07"));
        List<Map<String, String>> days = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            days.add(Map.of("day", "2024-10-0" + i, "kind", "HOLIDAY", "name", "国庆节"));
        }
        days.add(Map.of("day", "2024-09-29", "kind", "ADJUSTED_WORKDAY", "name", "国庆节调休上班"));
        days.add(Map.of("day", "2024-10-12", "kind", "ADJUSTED_WORKDAY", "name", "国庆节调休上班"));
        // a sub-district may not change the calendar (the district's, issue 14); a day outside the year is refused by field
        given().auth().oauth2(Fixtures.SUB1).contentType("application/json").body(Map.of("days", days))
                .put("/calendar/2024").then().statusCode(403);
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("days", List.of(Map.of("day", "2025-10-01", "kind", "HOLIDAY", "name", "x"))))
                .put("/calendar/2024").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("days[0].day"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json").body(Map.of("days", days))
                .put("/calendar/2024").then().statusCode(200).body("size()", is(9));
        // CALENDAR.md's own example now holds: → 2024-10-08
        given().auth().oauth2(Fixtures.DISTRICT).queryParam("from", "2024-09-20").queryParam("amount", 15)
                .queryParam("unit", "CALENDAR_DAYS").get("/calendar/deadline").then().statusCode(200)
                .body("due", is("2024-10-08"));
        assertThat(calendar.isWorkingDay(d("2024-09-29"))).isTrue();
        assertThat(calendar.coveredYears()).contains(2024, 2025, 2026);
    }

    @Test
    void theDeadlinePolicyIsDataFromTheLaw() {
        given().auth().oauth2(Fixtures.DISTRICT).get("/deadline-policies").then().statusCode(200)
                .body("find { it.kind == 'ACKNOWLEDGE' }.amount", is(15))
                .body("find { it.kind == 'RESOLVE' && it.route == '*' }.amount", is(60))
                .body("find { it.kind == 'RESOLVE' && it.route == 'COMMUNITY' }.unit", is("WORKING_DAYS"))
                .body("find { it.kind == 'RESOLVE_DIFFICULT' && it.route == 'SESSION_SUGGESTION' }.amount", is(6))
                .body("find { it.kind == 'EXTENSION_MAX' }.amount", is(30))
                .body("find { it.kind == 'RETURN' }.unit", is("WORKING_DAYS"));
        given().auth().oauth2(Fixtures.DISTRICT).get("/calendar/2026").then().statusCode(200)
                .body("findAll { it.kind == 'ADJUSTED_WORKDAY' }.size()", is(6))
                .body("findAll { it.kind == 'HOLIDAY' }.size()", is(3 + 9 + 3 + 5 + 3 + 3 + 7));
    }

    /** H3: the deadline computation is bounded before it runs, and answers 422 naming the field. */
    @Test
    void deadlineInputsOutsideSaneBoundsAre422NamingTheField() {
        long start = System.nanoTime();
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "2026-01-01").queryParam("amount", 2147483647)
                .queryParam("unit", "WORKING_DAYS").get("/calendar/deadline").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("amount"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "2026-01-01").queryParam("amount", 3661)
                .queryParam("unit", "CALENDAR_DAYS").get("/calendar/deadline").then().statusCode(422)
                .body("errors.field", hasItem("amount"));
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "2026-01-01").queryParam("amount", 121)
                .queryParam("unit", "MONTHS").get("/calendar/deadline").then().statusCode(422)
                .body("errors.field", hasItem("amount"));
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "2026-01-01").queryParam("amount", -1)
                .queryParam("unit", "MONTHS").get("/calendar/deadline").then().statusCode(422)
                .body("errors.field", hasItem("amount"));
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "9999-12-31").queryParam("amount", 1)
                .queryParam("unit", "CALENDAR_DAYS").get("/calendar/deadline").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "1900-01-01").queryParam("amount", 1)
                .queryParam("unit", "CALENDAR_DAYS").get("/calendar/deadline").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        // the largest allowed period still answers
        given().auth().oauth2(Fixtures.HOUSING).queryParam("from", "2100-12-31").queryParam("amount", 3660)
                .queryParam("unit", "WORKING_DAYS").get("/calendar/deadline").then().statusCode(200);
        // calendar years, the size of a year's arrangement and policy amounts are bounded too
        given().auth().oauth2(Fixtures.DISTRICT).get("/calendar/99999").then().statusCode(422)
                .body("errors.field", hasItem("year"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json").body(Map.of("days", List.of()))
                .put("/calendar/1492").then().statusCode(422).body("errors.field", hasItem("year"));
        List<Map<String, String>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 367; i++) {
            tooMany.add(Map.of("day", LocalDate.of(2031, 1, 1).plusDays(i % 365).toString(), "kind", "HOLIDAY", "name", "x"));
        }
        given().auth().oauth2(Fixtures.OPS).contentType("application/json").body(Map.of("days", tooMany))
                .put("/calendar/2031").then().statusCode(422).body("errors.field", hasItem("days"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("kind", "RETURN", "route", "*", "amount", 2147483647, "unit", "WORKING_DAYS", "basis", "x"))
                .put("/deadline-policies").then().statusCode(422).body("errors.field", hasItem("amount"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("kind", "RETURN", "route", "*", "amount", 0, "unit", "WORKING_DAYS", "basis", "x"))
                .put("/deadline-policies").then().statusCode(422).body("errors.field", hasItem("amount"));
        given().auth().oauth2(Fixtures.DISTRICT).get("/deadline-policies").then().statusCode(200)
                .body("find { it.kind == 'RETURN' }.amount", is(5));
    }

    /** H3: a period across many years without an arrangement logs one warning, not one per year. */
    @Test
    void aLongPeriodWarnsOncePerComputationNotOncePerYear() {
        java.util.List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(WorkingCalendar.class.getName());
        logger.addHandler(handler);
        try {
            calendar.invalidate(); // re-read: every missing year may warn again
            // ten years of working days from 2088: about fourteen years without an arrangement
            LocalDate due = calendar.add(d("2088-01-01"), 3660, PeriodUnit.WORKING_DAYS);
            assertThat(due.getYear()).isGreaterThan(2100);
            assertThat(warnings).hasSize(1);
            calendar.add(d("2088-01-01"), 3660, PeriodUnit.WORKING_DAYS);
            assertThat(warnings).as("the same years are not warned about again").hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
