package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.intake.IntakeFixtures.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.kit.export.XlsxReader;
import org.minqing.kit.time.AppClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 13 (staff console II), intake's part: hot issues, the work report's numbers, the case
 * list export and the table export, on a known set recorded on a day of its own (the clock moved
 * years back), so no other test's cases count.
 */
@QuarkusTest
class ConsoleIITest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    AppClock clock;

    @Inject
    EntityManager em;

    private LocalDate someDayYearsAgo() {
        LocalDate day = clock.today().minusDays(2000 + ThreadLocalRandom.current().nextInt(3000));
        clock.setOffset(Duration.ofDays(day.toEpochDay() - LocalDate.now(AppClock.ZONE).toEpochDay()));
        return clock.today();
    }

    private static Map<String, Object> body(String channel, String community, String line, int households, Integer persons,
            List<Map<String, String>> visitors) {
        Map<String, Object> b = new HashMap<>(caseBody(community, "楼道漏水 " + UUID.randomUUID()));
        b.put("channel", channel);
        b.put("lineCode", line);
        b.put("households", households);
        if (persons != null) {
            b.put("persons", persons);
        }
        b.put("visitors", visitors);
        return b;
    }

    @Test
    void reportsAndExportOnAKnownSet() {
        LocalDate day;
        String k1;
        String k2;
        String k3;
        try {
            day = someDayYearsAgo();
            String sub1 = staff(SUB1);
            k1 = recordOk(sub1, body("HOTLINE", C11, "housing", 1, null, List.of(Map.of("name", "王秀英", "phone", PHONE))));
            k2 = recordOk(sub1, body("ONLINE", C12, "transport", 8, 20,
                    List.of(Map.of("name", "李建国", "phone", "13912345678"), Map.of("name", "张伟"))));
            k3 = recordOk(sub1, body("HOTLINE", C11, "housing", 2, 3, List.of()));
            recordOk(staff(DISTRICT), body("HOTLINE", C21, "housing", 1, null, List.of(Map.of("name", "赵敏"))));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        // k3 came back as a repeat of k1 (as referral-service's repeat-linked event would record it)
        String original = k1;
        String repeat = k3;
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update intake_case set repeat_of = cast(:o as uuid) where id = cast(:r as uuid)")
                    .setParameter("o", original).setParameter("r", repeat).executeUpdate();
            em.createNativeQuery("update intake_case set repeat_count = 1 where id = cast(:o as uuid)")
                    .setParameter("o", original).executeUpdate();
        });
        String d = day.toString();

        // the work report: 3 cases in sub-district 1 (the fourth is sub-district 2's)
        as(staff(SUB1)).queryParam("from", d).queryParam("to", d).get("/reports/work").then().statusCode(200)
                .body("jurisdiction", is(SUB1)).body("cases", is(3)).body("visitors", is(3)).body("households", is(11))
                .body("persons", is(24)).body("groupPetitions", is(1)).body("groupPetitionPersons", is(20))
                .body("anonymousCases", is(1)).body("repeatCases", is(1)).body("receptionDayCases", is(0))
                .body("receptionDaysWithCases", is(0))
                .body("byChannel.HOTLINE", is(2)).body("byChannel.ONLINE", is(1)).body("byChannel.size()", is(2))
                .body("byLine[0].code", is("housing")).body("byLine[0].name", is("住房保障")).body("byLine[0].count", is(2))
                .body("byLine[1].code", is("transport")).body("byLine[1].count", is(1))
                .body("byCommunity.find { it.code == '" + C11 + "' }.count", is(2))
                .body("byCommunity.find { it.code == '" + C12 + "' }.count", is(1))
                .body("byCommunity.size()", is(2));
        as(staff(DISTRICT)).queryParam("from", d).queryParam("to", d).get("/reports/work").then().statusCode(200)
                .body("jurisdiction", is(DISTRICT)).body("cases", is(4)).body("visitors", is(4));
        // the community sees its own; another sub-district may not ask for sub-district 1
        as(staff(C12)).queryParam("from", d).queryParam("to", d).get("/reports/work").then().statusCode(200)
                .body("cases", is(1)).body("groupPetitions", is(1));
        as(staff("310104002000")).queryParam("jurisdiction", SUB1).queryParam("from", d).queryParam("to", d)
                .get("/reports/work").then().statusCode(403).contentType("application/problem+json");
        as(staff("310104002000")).queryParam("from", d).queryParam("to", d).get("/reports/work").then().statusCode(200)
                .body("cases", is(1));
        as(rep()).get("/reports/work").then().statusCode(403);

        // hot issues over the month before and the day's month
        LocalDate from = day.withDayOfMonth(1).minusMonths(1);
        as(staff(SUB1)).queryParam("from", from.toString()).queryParam("to", d).get("/reports/hot-issues").then()
                .statusCode(200).body("total", is(3)).body("months.size()", is(2))
                .body("months[1]", is(day.toString().substring(0, 7)))
                .body("byLine[0].code", is("housing")).body("byLine[0].count", is(2))
                .body("byCommunity[0].code", is(C11))
                .body("trend.find { it.code == 'housing' }.counts", is(List.of(0, 2)))
                .body("trend.find { it.code == 'transport' }.counts", is(List.of(0, 1)))
                .body("repeats.size()", is(1)).body("repeats[0].caseId", is(k1)).body("repeats[0].repeatCount", is(1))
                .body("repeats[0].lineName", is("住房保障"));

        // bad input names the field
        as(staff(SUB1)).queryParam("from", "2024-13-01").get("/reports/work").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        as(staff(SUB1)).queryParam("from", "1999-12-31").get("/reports/hot-issues").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        as(staff(SUB1)).queryParam("from", "2024-02-01").queryParam("to", "2024-01-01").get("/reports/work").then()
                .statusCode(422).body("errors.field", hasItem("to"));
        as(staff(SUB1)).queryParam("from", "2010-01-01").queryParam("to", "2020-01-01").get("/reports/hot-issues").then()
                .statusCode(422).body("errors.field", hasItem("to"));
        as(staff(SUB1)).queryParam("jurisdiction", "31010400100X").get("/reports/work").then().statusCode(400)
                .body("errors.field", hasItem("jurisdiction"));

        // the case list export: the search's filters and scope, Chinese headers, no personal data
        byte[] bytes = as(staff(SUB1)).queryParam("from", d).queryParam("to", d).get("/cases/export.xlsx").then()
                .statusCode(200).contentType(XLSX).header("Cache-Control", "no-store").extract().asByteArray();
        List<List<String>> rows = XlsxReader.read(bytes).get("案件列表");
        assertThat(rows.get(0)).containsExactly("案件编号", "登记时间", "接待日期", "渠道", "社区代码", "社区", "条线", "状态",
                "紧急程度", "集体访", "重复信访", "重复次数", "户数", "人数", "预计答复日期", "诉求摘要");
        assertThat(rows).hasSize(4);
        assertThat(rows.stream().skip(1).map(r -> r.get(0))).containsExactlyInAnyOrder(k1, k2, k3);
        List<String> k2Row = rows.stream().filter(r -> r.get(0).equals(k2)).findFirst().orElseThrow();
        assertThat(k2Row.get(2)).isEqualTo(d);
        assertThat(k2Row.get(3)).isEqualTo("网上");
        assertThat(k2Row.get(6)).isEqualTo("交通出行");
        assertThat(k2Row.get(9)).isEqualTo("是");
        assertThat(k2Row.subList(12, 14)).containsExactly("8", "20");
        String all = rows.toString();
        assertThat(all).doesNotContain(PHONE, "王秀英", "李建国", "13912345678");
        List<List<String>> housing = XlsxReader.read(as(staff(SUB1)).queryParam("from", d).queryParam("to", d)
                .queryParam("line", "housing").queryParam("repeat", "true").get("/cases/export.xlsx").then().statusCode(200)
                .extract().asByteArray()).get("案件列表");
        assertThat(housing.stream().skip(1).map(r -> r.get(0))).containsExactlyInAnyOrder(k1, k3);
        List<List<String>> other = XlsxReader.read(as(staff("310104002000")).queryParam("from", d).queryParam("to", d)
                .get("/cases/export.xlsx").then().statusCode(200).extract().asByteArray()).get("案件列表");
        assertThat(other).hasSize(2);
        as(staff(SUB1)).queryParam("line", "nope").get("/cases/export.xlsx").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("line"));
        as(staff(SUB1)).queryParam("from", "1990-01-01").get("/cases/export.xlsx").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        as(rep()).get("/cases/export.xlsx").then().statusCode(403);
    }

    /**
     * A large-ish export is whole and reads back. Memory by design: a server-side cursor (fetch
     * size 500) and each row written to the zip as it is read (XlsxWriterTest shows the bytes leave
     * before the end); the 100,000-row measurement is in infra/bench.
     */
    @Test
    void aLargeExportIsWhole() {
        LocalDate day = clock.today().minusDays(2000 + ThreadLocalRandom.current().nextInt(3000));
        int n = 5000;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into intake_case (id, receipt_hash, channel, community_code, line_code, description, households,
                    persons, group_petition, urgency, received_on, visitor_count, anonymous, has_contact, status,
                    recorded_by, recorded_role, recorded_at, updated_at)
                select gen_random_uuid(), md5(cast(random() as text) || g), 'HOTLINE', :c, 'housing', '批量诉求 ' || g, 1, 1, false,
                    'NORMAL', :day, 1, false, true, 'RECORDED', 'bulk', 'community-staff',
                    (cast(:day as date) + time '12:00') at time zone 'Asia/Shanghai', now()
                from generate_series(1, :n) g""").setParameter("c", C12).setParameter("day", day).setParameter("n", n)
                .executeUpdate());
        String d = day.toString();
        byte[] bytes = as(staff(C12)).queryParam("from", d).queryParam("to", d).get("/cases/export.xlsx").then()
                .statusCode(200).extract().asByteArray();
        List<List<String>> rows = XlsxReader.read(bytes).get("案件列表");
        assertThat(rows).hasSize(n + 1);
        assertThat(rows.stream().skip(1).map(r -> r.get(0)).distinct().count()).isEqualTo(n);
        // the list pages 100 at most; the export is every row
        as(staff(C12)).queryParam("from", d).queryParam("to", d).queryParam("limit", "100").get("/cases").then()
                .statusCode(200).body("items.size()", is(100));
    }

    @Test
    void aTableShownInTheConsoleBecomesAnXlsx() {
        Map<String, Object> table = Map.of("fileName", "工作汇报", "sheets", List.of(Map.of("name", "汇总",
                "headers", List.of("项目", "数值"), "rows", List.of(List.of("接访件数", 40), List.of("满意率", 0.95),
                        java.util.Arrays.asList("备注", null)))));
        byte[] bytes = as(staff(SUB1)).contentType(ContentType.JSON).body(table).post("/exports/table.xlsx").then()
                .statusCode(200).contentType(XLSX)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(
                        "filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%B1%87%E6%8A%A5.xlsx"))
                .extract().asByteArray();
        assertThat(XlsxReader.read(bytes).get("汇总")).containsExactly(List.of("项目", "数值"), List.of("接访件数", "40"),
                List.of("满意率", "0.95"), List.of("备注"));
        // bounded, naming the field
        List<List<Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(List.of(i));
        }
        as(staff(SUB1)).contentType(ContentType.JSON).body(Map.of("fileName", "x", "sheets",
                List.of(Map.of("name", "s", "headers", List.of("a"), "rows", tooMany)))).post("/exports/table.xlsx")
                .then().statusCode(422).body("errors.field", hasItem("sheets[0].rows"));
        as(staff(SUB1)).contentType(ContentType.JSON).body(Map.of("fileName", "x", "sheets",
                List.of(Map.of("name", "s", "headers", List.of("a"), "rows", List.of(List.of("ok", Map.of("a", 1)))))))
                .post("/exports/table.xlsx").then().statusCode(422).body("errors.field", hasItem("sheets[0].rows[0][1]"));
        as(staff(SUB1)).contentType(ContentType.JSON).body(Map.of("fileName", "../x", "sheets",
                List.of(Map.of("name", "s", "headers", List.of("a"), "rows", List.of())))).post("/exports/table.xlsx")
                .then().statusCode(422).body("errors.field", hasItem("fileName"));
        as(rep()).contentType(ContentType.JSON).body(table).post("/exports/table.xlsx").then().statusCode(403);
    }
}
