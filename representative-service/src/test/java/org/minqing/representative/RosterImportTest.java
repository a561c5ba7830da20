package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.minqing.representative.Fixtures.C12_STAFF;
import static org.minqing.representative.Fixtures.SUB1_STAFF;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The roster CSV (代表名册) is imported whole or not at all; a bad file names every bad line. */
@QuarkusTest
class RosterImportTest {

    static final String HEADER = "姓名,类别,级别,任期开始,任期结束,选区代码,联络站,手机,邮箱\r\n";

    @Inject
    EntityManager em;

    @Test
    void aGoodFileIsImportedWhole() {
        String tag = tag();
        String csv = "\uFEFF" + HEADER
                + "张" + tag + ",人大代表,区级,2022-01-01,2026-12-31,310104001001,\"第一联络站, 泾水公寓\"," + Fixtures.freshPhone() + ",z@example.cn\r\n"
                + "钱" + tag + ",党代表,,2022/1/1,2026/12/31,310104001002,第二联络站,,\r\n"
                + "孙" + tag + ",政协委员,,2022-01-01,2026-12-31,310104001000,,,\r\n";
        post(SUB1_STAFF, csv.getBytes(StandardCharsets.UTF_8)).statusCode(201).body("imported", is(3)).body("ids", hasSize(3));
        assertThat(count(tag)).isEqualTo(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select liaison_station from representative where name = :n").setParameter("n", "张" + tag)
                .getSingleResult())).isEqualTo("第一联络站, 泾水公寓");
    }

    @Test
    void aFileWithBadRowsIsRefusedWithEveryBadLineAndNothingIsWritten() {
        String tag = tag();
        String phone = Fixtures.freshPhone();
        String csv = HEADER
                + "周" + tag + ",人大代表,区级,2022-01-01,2026-12-31,310104001001,第一联络站," + phone + ",\n"    // line 2 good
                + "吴" + tag + ",市长,,2022-01-01,2026-12-31,310104001001,,,\n"                                  // line 3 unknown kind
                + "郑" + tag + ",党代表,,2026-01-01,2022-01-01,310104001001,,,\n"                                // line 4 end before start
                + "冯" + tag + ",政协委员,,2022-01-01,2026-12-31,3101040010,,,\n"                                // line 5 code shape
                + "陈" + tag + ",党代表,,2022-01-01,2026-12-31,310104001001,,," + "x".repeat(120) + "@e.cn\n"   // line 6 oversized / bad email
                + "褚" + tag + ",人大代表,区级,2022-01-01,2026-12-31,310104001001,," + phone + ",\n"             // line 7 duplicate phone
                + ",党代表,,2022-13-01,2026-12-31,310104001001,,,\n";                                          // line 8 no name, bad date
        post(SUB1_STAFF, csv.getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .contentType("application/problem+json")
                .body("title", containsString("未导入任何记录"))
                .body("errors.field", hasItems("lines[3].类别", "lines[4].任期结束", "lines[5].选区代码", "lines[6].邮箱",
                        "lines[7].手机", "lines[8].姓名", "lines[8].任期开始"))
                .body("errors.find { it.field == 'lines[3].类别' }.messageZh", containsString("第 3 行"))
                .body("errors.find { it.field == 'lines[3].类别' }.messageZh", containsString("市长"));
        assertThat(count(tag)).isZero();
    }

    @Test
    void malformedFilesAndOutOfScopeRowsAreRefused() {
        String tag = tag();
        // Not UTF-8 (a GBK export): refused, not imported as mojibake.
        post(SUB1_STAFF, (HEADER + "王" + tag + ",党代表,,2022-01-01,2026-12-31,310104001001,,,\n").getBytes(Charset.forName("GBK")))
                .statusCode(400).body("errors.field", hasItems("file"));
        // Missing required column.
        post(SUB1_STAFF, "姓名,类别\n王,党代表\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(400).body("errors.field", hasItems("header"));
        // A community's staff cannot import a neighbour's representatives.
        post(C12_STAFF, (HEADER + "王" + tag + ",党代表,,2022-01-01,2026-12-31,310104001001,,,\n").getBytes(StandardCharsets.UTF_8))
                .statusCode(422).body("errors.field", hasItems("lines[2].选区代码"));
        assertThat(count(tag)).isZero();
    }

    private ValidatableResponse post(String token, byte[] body) {
        return given().auth().oauth2(token).contentType("text/csv").body(body).post("/representatives/import").then();
    }

    private long count(String tag) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from representative where name like :n")
                .setParameter("n", "%" + tag).getSingleResult()).longValue());
    }

    private static String tag() {
        // Chinese-looking unique suffix so names stay within the 50-char limit.
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
