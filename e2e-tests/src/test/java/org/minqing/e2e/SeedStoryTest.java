package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.REP_CPPCC;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.REP_PARTY;
import static org.minqing.testing.DemoRealm.UNIT_CITY;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The seed's story across the four services, as users run it, asserted through the public APIs,
 * the public status page and the e-mails and SMS actually delivered.
 */
@Order(2)
class SeedStoryTest {

    private static final long DAY = 86_400;

    @Test
    void theSeedsStoryFromReceptionDayToEscalation() {
        E2ePlatform p = Api.platform();
        try {
            story(p);
        } finally {
            setClock("intake", 0);
            setClock("referral", 0);
        }
    }

    private void story(E2ePlatform p) {
        // 1. sub1.staff registers the three representatives (ids from the realm) with e-mail and mobile.
        String[][] reps = { { REP_NPC, "黄建华", "NPC_DEPUTY" }, { REP_PARTY, "周慧", "PARTY_DELEGATE" },
                { REP_CPPCC, "吴国平", "CPPCC_MEMBER" } };
        Map<String, String> repPhone = new HashMap<>();
        Map<String, String> repMail = new HashMap<>();
        for (String[] r : reps) {
            String phone = Api.freshPhone();
            String mail = "rep-" + UUID.randomUUID().toString().substring(0, 8) + "@minqing.local";
            repPhone.put(r[0], phone);
            repMail.put(r[0], mail);
            Map<String, Object> body = new HashMap<>(Map.of("id", r[0], "name", r[1], "kind", r[2],
                    "termStart", "2022-01-01", "termEnd", "2027-12-31", "constituencyCode", C11,
                    "liaisonStation", "泾水社区代表联络站", "phone", phone, "email", mail));
            if ("NPC_DEPUTY".equals(r[2])) {
                body.put("level", "DISTRICT");
            }
            as("sub1.staff").body(body).post(url("representative", "/representatives")).then().statusCode(201);
        }

        // 2. A reception day next week in 泾水社区 with one of each kind: no missing-kind warning.
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate day = today.plusDays(7);
        String dayId = as("sub1.staff").body(Map.of("communityCode", C11, "date", day.toString(), "startTime", "09:00",
                "endTime", "11:30", "place", "泾水社区居委会接待室", "representativeIds", List.of(REP_NPC, REP_PARTY, REP_CPPCC)))
                .post(url("representative", "/reception-days")).then().statusCode(201)
                .body("warnings", org.hamcrest.Matchers.empty()).body("roster.size()", org.hamcrest.Matchers.is(3))
                .extract().path("id");

        // 3. Each representative gets the notice by SMS and e-mail, and confirms with their own token.
        for (String[] r : reps) {
            eventually().untilAsserted(() -> assertThat(p.sms.sentBodies())
                    .anySatisfy(b -> assertThat(b).contains(repPhone.get(r[0])).contains("民情接访日")));
            eventually().untilAsserted(() -> assertThat(mailsTo(p, repMail.get(r[0]))).isNotEmpty());
        }
        // M3: notification-service reached them although their contacts travelled only sealed: no record
        // of the representatives' topic (nor its dead letters) carries a phone or e-mail in clear.
        for (String topic : List.of("minqing.representative.representative",
                "minqing.representative.representative.dlt.notification", "minqing.representative.representative.dlt.referral")) {
            for (var rec : Kafka.readAll(topic)) {
                String v = rec.value() == null ? "" : new String(rec.value(), java.nio.charset.StandardCharsets.UTF_8);
                for (String[] r : reps) {
                    assertThat(v).as(topic + " offset " + rec.offset()).doesNotContain(repPhone.get(r[0]))
                            .doesNotContain(repMail.get(r[0]));
                }
            }
        }
        for (String user : List.of("rep.npc", "rep.party", "rep.cppcc")) {
            as(user).body("{}").post(url("representative", "/reception-days/" + dayId + "/confirm")).then().statusCode(200);
        }
        as("sub1.staff").get(url("representative", "/reception-days/" + dayId)).then().statusCode(200)
                .body("roster.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("CONFIRMED")));

        // 4. On the day (intake's clock moved to it), c11.staff records the 泾水公寓 case at the desk.
        setClock("intake", 7 * DAY);
        String visitorPhone = Api.freshPhone();
        String visitorMail = "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> desk = new HashMap<>(Map.of("channel", "RECEPTION_DAY", "receptionDayId", dayId,
                "communityCode", C11, "lineCode", "planning", "address", "泾水公寓40号、78号、84号楼",
                "description", "小区南侧新建高楼遮挡采光，40号、78号、84号楼120户居民常年晒不到太阳，要求有关部门解决。",
                "households", 120, "persons", 3, "receivingRepresentativeIds", List.of(REP_NPC, REP_PARTY, REP_CPPCC),
                "visitors", List.of(Map.of("name", "陈建国", "phone", visitorPhone, "idNumber", Api.freshIdNumber(),
                        "email", visitorMail))));
        var recorded = eventually().until(() -> Api.recordCase("c11.staff", desk), r -> r.statusCode() == 201);
        String caseId = recorded.path("id");
        String code = recorded.path("receiptCode");
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat((Boolean) recorded.path("groupPetition")).isTrue();

        // The public page works without a token and shows no personal data; the acknowledgement arrives.
        String page = Api.publicStatus(code).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("receiptCode"))).extract().asString();
        assertThat(page).doesNotContain(visitorPhone).doesNotContain("陈建国");
        eventually().untilAsserted(() -> assertThat(p.sms.sentBodies())
                .anySatisfy(b -> assertThat(b).contains(visitorPhone).contains(code).doesNotContain("/public/cases/" + code)));
        eventually().untilAsserted(() -> assertThat(mailsTo(p, visitorMail)).isNotEmpty());

        // 5. sub1.staff routes it beyond the sub-district: an inter-session suggestion to the city unit via rep.npc.
        String referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                .get(0).get("id").toString();
        as("sub1.staff").body(Map.of("route", "INTER_SESSION_SUGGESTION", "unitId", UNIT_CITY, "representativeId", REP_NPC,
                "difficult", false, "note", "涉及市级规划审批"))
                .post(url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REFERRED"));

        // 6. unit.city accepts and replies; staff tell the residents.
        as("unit.city").body("{}").post(url("referral", "/referrals/" + referralId + "/accept")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("ACCEPTED"));
        as("unit.city").body(Map.of("reply", "经复核日照分析，已责成建设单位调整方案，并对受影响住户研究补偿。"))
                .post(url("referral", "/referrals/" + referralId + "/reply")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REPLIED"));
        as("sub1.staff").body("{}").post(url("referral", "/referrals/" + referralId + "/resident-informed")).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.is("RESIDENT_INFORMED"));

        // 7. The residents see it on the public page and say they are not satisfied: the referral reopens.
        eventually().untilAsserted(() -> Api.publicStatus(code).then().statusCode(200)
                .body("feedbackOpen", org.hamcrest.Matchers.is(true))
                .body("status", org.hamcrest.Matchers.is("INFORMED"))
                .body("statusLabelZh", org.hamcrest.Matchers.is("已告知结果，待评价"))
                .body("milestones.kind", org.hamcrest.Matchers.hasItem("RESIDENT_INFORMED")));
        given().contentType(ContentType.JSON).body(Map.of("receiptCode", code, "rating", "UNSATISFIED",
                "comment", "高楼仍然遮挡，问题没有解决"))
                .post(url("intake", "/public/cases/feedback")).then().statusCode(org.hamcrest.Matchers.either(
                        org.hamcrest.Matchers.is(200)).or(org.hamcrest.Matchers.is(201)));
        eventually().untilAsserted(() -> as("sub1.staff").get(url("referral", "/referrals/" + referralId)).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.is("REOPENED"))
                .body("satisfaction", org.hamcrest.Matchers.is("UNSATISFIED")));

        // 8. rep.npc's archive: the reception with this case, and the suggestion with its answer.
        eventually().untilAsserted(() -> {
            List<Map<String, Object>> records = as("rep.npc").get(url("representative", "/duty-archive/" + REP_NPC)).then()
                    .statusCode(200).extract().jsonPath().getList("records");
            assertThat(records).anySatisfy(r -> {
                assertThat(r.get("type")).isEqualTo("RECEPTION");
                assertThat(r.get("receptionDayId")).isEqualTo(dayId);
                assertThat(String.valueOf(r.get("caseIds"))).contains(caseId);
            });
            assertThat(records).anySatisfy(r -> {
                assertThat(r.get("type")).isEqualTo("SUGGESTION");
                assertThat(r.get("referralId")).isEqualTo(referralId);
                assertThat(r.get("answered")).isEqualTo(true);
            });
        });

        // 9. Next month the same households come again, in other words: linked as a repeat, not a second referral.
        setClock("intake", 37 * DAY);
        Map<String, Object> again = new HashMap<>(Map.of("channel", "HOTLINE", "communityCode", C11, "lineCode", "planning",
                "address", "泾水公寓78号、84号、40号楼",
                "description", "新建的高楼挡住了泾水公寓三栋楼的采光，120户居民日照严重不足，再次反映要求解决。",
                "households", 120, "persons", 2,
                "visitors", List.of(Map.of("name", "陈建国", "phone", visitorPhone))));
        String repeatCase = Api.recordCase("c11.staff", again).then().statusCode(201).extract().path("id");
        eventually().untilAsserted(() -> {
            List<Map<String, Object>> refs = Api.referralsOfCase("sub1.staff", repeatCase);
            assertThat(refs).hasSize(1);
            assertThat(refs.get(0).get("id")).isEqualTo(referralId);
            assertThat(refs.get(0).get("repeatCount")).isEqualTo(1);
        });
        assertThat(Db.count("referral", "select count(*) from referral where case_id = any(?)", List.of(repeatCase)))
                .as("no second referral").isZero();

        // 10. An unrelated case routed to unit.housing is left unanswered; time passes; it goes overdue
        //     and is escalated to the district, whose supervisors are told by e-mail.
        setClock("intake", 0);
        Map<String, Object> other = Api.hotlineCase(C11, "housing",
                "泾水公寓12号楼地下室长期积水，墙面霉变 " + UUID.randomUUID(), Api.freshPhone(), Api.freshIdNumber());
        String otherCase = Api.recordCase("c11.staff", other).then().statusCode(201).extract().path("id");
        String otherRef = eventually().until(() -> Api.referralsOfCase("sub1.staff", otherCase), l -> l.size() == 1)
                .get(0).get("id").toString();
        as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                .post(url("referral", "/referrals/" + otherRef + "/route")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REFERRED"));
        int districtMailsBefore = mailsTo(p, "supervision@310104000000.minqing.local").size();
        // Issue 15: the watch's findings are counted (other open referrals may go overdue too: at least one).
        double overdueBefore = Metrics.now("referral", "minqing_referrals_overdue_total");
        double toDistrictBefore = Metrics.now("referral", "minqing_referrals_escalated_total", "to", "DISTRICT");
        setClock("referral", 120 * DAY);
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<Map<String, Object>> timeline = as("sub1.staff").get(url("referral", "/referrals/" + otherRef + "/timeline"))
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(timeline.stream().map(t -> String.valueOf(t.get("action"))).toList()).contains("OVERDUE");
            assertThat(timeline.toString()).contains("ESCALAT");
        });
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> as("district.staff")
                .get(url("referral", "/referrals/" + otherRef)).then().statusCode(200)
                .body("watchTier", org.hamcrest.Matchers.is("DISTRICT")));
        eventually().untilAsserted(() -> {
            assertThat(Metrics.now("referral", "minqing_referrals_overdue_total")).isGreaterThanOrEqualTo(overdueBefore + 1);
            assertThat(Metrics.now("referral", "minqing_referrals_escalated_total", "to", "DISTRICT"))
                    .isGreaterThanOrEqualTo(toDistrictBefore + 1);
        });
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                mailsTo(p, "supervision@310104000000.minqing.local").size()).isGreaterThan(districtMailsBefore));
    }

    private static void setClock(String service, long offsetSeconds) {
        given().auth().oauth2(Sso.user("ops")).contentType(ContentType.JSON).body(Map.of("offsetSeconds", offsetSeconds))
                .put(url(service, "/ops/clock")).then().statusCode(200);
    }

    static List<jakarta.mail.internet.MimeMessage> mailsTo(E2ePlatform p, String address) {
        return Arrays.stream(p.mail.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
