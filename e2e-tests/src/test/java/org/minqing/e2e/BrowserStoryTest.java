package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.C12;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Media;

/**
 * The seed's story through the staff console in Debian's Chromium, every user signed in through the
 * real Keycloak login page; every screen checked with axe-core (no serious or critical violation)
 * and kept as a full-page screenshot (target/screenshots/). Facts the story starts from (the three
 * representatives exist) and the passing of time (a service clock) are set through the APIs; every
 * step a person takes is taken in the browser.
 *
 * <p>Runs after the API-level seed story, whose 泾水公寓 referral (line 规划建设) is still open: this
 * story records its 泾水公寓 case on the housing line, so that it opens a referral of its own instead
 * of being linked as a repeat of the seed story's.
 */
@Order(6)
class BrowserStoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    /** The housing line (住房), not planning: see the class comment. */
    private static final String LINE = "housing";
    private static final String LINE_NAME = "住房保障";
    private static final String ADDRESS = "泾水公寓40号、78号、84号楼";
    private static final String DESCRIPTION = "小区南侧新建高楼遮挡采光，40号、78号、84号楼120户居民常年晒不到太阳，要求有关部门解决。";

    private static ConsoleUser sub1;
    private static ConsoleUser clerk;
    private static String dayId;
    private static String caseId;
    private static String receiptCode;
    private static String referralId;
    private static String visitorPhone;
    private static String housingCaseId;

    @AfterAll
    static void closeBrowser() {
        for (ConsoleUser u : new ConsoleUser[] { sub1, clerk }) {
            if (u != null) {
                u.close();
            }
        }
        Chromium.close();
    }

    @Test
    @Order(1)
    void subDistrictStaffScheduleAReceptionDayWithOneOfEachKind() throws Exception {
        BrowserSeed.registerRepresentatives();
        sub1 = ConsoleUser.signIn("sub1.staff");
        sub1.screen("home");
        assertThat(sub1.menuEntries()).contains("reception-days", "intake", "cases", "referrals", "supervision", "inbox")
                .doesNotContain("handling", "my-reception-days");
        sub1.menu("reception-days");
        sub1.byTestId("rd-calendar").waitFor();
        sub1.screen("reception-calendar");

        sub1.byTestId("rd-schedule").click();
        sub1.byTestId("rd-schedule-dialog").waitFor();
        sub1.select("rd-schedule-community", "泾水社区");
        sub1.fill("rd-schedule-date", TODAY);
        sub1.page.keyboard().press("Enter");
        // The form's default hours, 09:00–11:30, are the seed's (checked in the saved day below).
        sub1.fill("rd-schedule-place", "泾水社区居委会接待室");
        sub1.selectAll("rd-schedule-roster", "黄建华", "周慧", "吴国平");
        sub1.screen("reception-schedule-dialog");
        Response created = sub1.call("POST", "/reception-days", () -> sub1.byTestId("rd-schedule-submit").click());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode day = JSON.readTree(created.text());
        dayId = day.get("id").asText();
        assertThat(day.get("warnings")).as("one of each kind: no warning").isEmpty();
        assertThat(day.get("startTime").asText()).startsWith("09:00");
        assertThat(day.get("endTime").asText()).startsWith("11:30");
        assertThat(day.get("date").asText()).isEqualTo(TODAY);

        // The saved day opens with the service's warnings (none) and its roster.
        sub1.byTestId("rd-roster-status-" + REP_NPC).waitFor();
        assertThat(sub1.byTestId("rd-warning").count()).isZero();
        assertThat(sub1.byTestId("rd-roster-status-" + REP_NPC).textContent()).contains("待确认");
        sub1.screen("reception-day-detail");
        sub1.page.keyboard().press("Escape");
        sub1.byTestId("rd-day-" + dayId).waitFor();
    }

    @Test
    @Order(2)
    void aRepresentativeConfirms() {
        try (ConsoleUser rep = ConsoleUser.signIn("rep.npc")) {
            assertThat(rep.menuEntries()).contains("my-reception-days").doesNotContain("reception-days", "referrals");
            rep.menu("my-reception-days");
            rep.byTestId("my-day-confirm-" + dayId).waitFor();
            Response r = rep.call("POST", "/reception-days/" + dayId + "/confirm",
                    () -> rep.byTestId("my-day-confirm-" + dayId).click());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(rep.byTestId("my-day-status-" + dayId))
                    .containsText("已确认");
            rep.screen("my-reception-days");
        }
    }

    @Test
    @Order(3)
    void theCommunityClerkRecordsTheCaseAtTheDeskAndPrintsTheSlip() throws Exception {
        clerk = ConsoleUser.signIn("c11.staff");
        assertThat(clerk.menuEntries()).contains("intake", "cases").doesNotContain("referrals", "handling", "supervision");
        clerk.menu("intake");
        clerk.byTestId("intake-save").waitFor();
        // On the day, today's reception day of the clerk's community is pre-selected.
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(clerk.byTestId("intake-reception-day"))
                .containsText("泾水社区居委会接待室");
        clerk.select("intake-line", LINE_NAME);
        clerk.fill("intake-address", ADDRESS);
        clerk.fill("intake-households", "120");
        clerk.input("intake-households").press("Tab");
        clerk.fill("intake-persons", "3");
        clerk.input("intake-persons").press("Tab");
        clerk.fill("intake-description", DESCRIPTION);
        visitorPhone = Api.freshPhone();
        clerk.fill("intake-visitor-0-name", "陈建国");
        clerk.fill("intake-visitor-0-phone", visitorPhone);
        clerk.fill("intake-visitor-0-id-number", Api.freshIdNumber());
        clerk.fill("intake-visitor-0-email", "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        clerk.selectAll("intake-representatives", "黄建华", "周慧", "吴国平");
        clerk.byTestId("intake-group-petition").waitFor();
        clerk.screen("intake-filled");

        Response saved = clerk.call("POST", "/cases", () -> clerk.byTestId("intake-save").click());
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        JsonNode recorded = JSON.readTree(saved.text());
        caseId = recorded.get("id").asText();
        receiptCode = recorded.get("receiptCode").asText();
        assertThat(recorded.get("groupPetition").asBoolean()).isTrue();
        assertThat(clerk.byTestId("receipt-code").textContent().trim()).isEqualTo(receiptCode)
                .matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        clerk.screen("intake-receipt");

        // The slip goes to the printer: window.print is called, and the print layout shows the code.
        clerk.page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        clerk.byTestId("print-slip").click();
        assertThat(clerk.page.evaluate("() => window.__printed")).isEqualTo(1);
        clerk.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(clerk.byTestId("receipt-slip")).isVisible();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(clerk.byTestId("receipt-slip"))
                .containsText(receiptCode);
        clerk.screen("receipt-slip-print");
        clerk.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
    }

    @Test
    @Order(4)
    void theSubDistrictRoutesItAsAnInterSessionSuggestion() {
        // The referral is opened by referral-service from the case event; the board shows it once it exists.
        referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                .get(0).get("id").toString();
        sub1.menu("referrals");
        sub1.byTestId("board-case-" + caseId).waitFor();
        sub1.screen("referral-board");
        sub1.byTestId("board-route-" + referralId).click();
        sub1.byTestId("route-dialog").waitFor();
        sub1.byTestId("route-option-INTER_SESSION_SUGGESTION").click();
        sub1.select("route-unit", "市规划和自然资源局");
        sub1.select("route-representative", "黄建华");
        sub1.fill("route-note", "涉及市级规划审批");
        sub1.screen("referral-route-dialog");
        Response routed = sub1.call("POST", "/referrals/" + referralId + "/route", () -> sub1.byTestId("route-submit").click());
        assertThat(routed.status()).as(routed.text()).isEqualTo(200);
        assertThat(routed.text()).contains("REFERRED");
    }

    @Test
    @Order(5)
    void theCityUnitAcceptsAndReplies() {
        try (ConsoleUser unit = ConsoleUser.signIn("unit.city")) {
            assertThat(unit.menuEntries()).contains("handling").doesNotContain("referrals", "intake", "supervision");
            unit.menu("handling");
            unit.byTestId("handling-accept-" + referralId).click();
            unit.byTestId("handling-dialog").waitFor();
            Response accepted = unit.call("POST", "/referrals/" + referralId + "/accept",
                    () -> unit.byTestId("handling-submit").click());
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
            unit.tab("handling");
            unit.byTestId("handling-reply-" + referralId).click();
            unit.byTestId("handling-dialog").waitFor();
            unit.fill("handling-text", "经复核日照分析，已责成建设单位调整方案，并对受影响住户研究补偿。");
            unit.screen("handling-reply-dialog");
            Response replied = unit.call("POST", "/referrals/" + referralId + "/reply",
                    () -> unit.byTestId("handling-submit").click());
            assertThat(replied.status()).as(replied.text()).isEqualTo(200);
            unit.tab("done");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(unit.byTestId("handling-status-" + referralId))
                    .containsText("已答复");
            unit.screen("handling");
        }
    }

    @Test
    @Order(6)
    void staffMarkTheResidentInformed() {
        clerk.open("/cases/" + caseId);
        clerk.byTestId("case-detail").waitFor();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(clerk.byTestId("case-description"))
                .containsText(DESCRIPTION);
        // Personal data is masked until the logged full read.
        assertThat(clerk.byTestId("case-visitors").textContent()).doesNotContain(visitorPhone);
        Response informed = clerk.call("POST", "/referrals/" + referralId + "/resident-informed",
                () -> clerk.byTestId("case-inform-resident").click());
        assertThat(informed.status()).as(informed.text()).isEqualTo(200);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(clerk.byTestId("case-referral-status"))
                .containsText("已告知来访人");
        clerk.screen("case-detail");
        clerk.menu("cases");
        clerk.byTestId("case-row-" + caseId).waitFor();
        clerk.screen("case-list");
    }

    @Test
    @Order(7)
    void theSameHouseholdsSecondVisitShowsOnTheBoardAsARepeat() {
        Map<String, Object> again = new HashMap<>(Map.of("channel", "HOTLINE", "communityCode", C11, "lineCode", LINE,
                "address", "泾水公寓78号、84号、40号楼",
                "description", "新建的高楼挡住了泾水公寓三栋楼的采光，120户居民日照严重不足，再次反映要求解决。",
                "households", 120, "persons", 2, "visitors", List.of(Map.of("name", "陈建国", "phone", visitorPhone))));
        String repeatCase = Api.recordCase("c11.staff", again).then().statusCode(201).extract().path("id");
        eventually().untilAsserted(() -> {
            List<Map<String, Object>> refs = Api.referralsOfCase("sub1.staff", repeatCase);
            assertThat(refs).hasSize(1);
            assertThat(refs.get(0).get("id")).isEqualTo(referralId);
        });
        sub1.menu("referrals");
        sub1.byTestId("board-refresh").click();
        sub1.tab("repeats");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(sub1.byTestId("board-repeat-count-" + referralId))
                .containsText("1");
        sub1.screen("referral-board-repeats");

        // Done with it: closed, so later cases about 泾水公寓 (the API-level story) open their own referral.
        clerk.open("/cases/" + caseId);
        clerk.byTestId("case-close").click();
        clerk.fill("case-close-outcome", "已答复来访人，建设单位调整方案，办结。");
        Response closed = clerk.call("POST", "/referrals/" + referralId + "/close", () -> clerk.byTestId("case-close-confirm").click());
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void anOverdueReferralShowsRedOnSupervision() {
        // Routed a hundred days ago (referral-service's clock moved back for the routing), never answered:
        // past the sixty days a sub-district department has, whatever holidays extend them.
        BrowserSeed.setReferralClock(-100L * 86_400);
        try {
            Map<String, Object> c = Api.hotlineCase(C12, "housing", "枫林社区3号楼电梯长期故障，老人上下楼困难 " + UUID.randomUUID(),
                    Api.freshPhone(), Api.freshIdNumber());
            c.put("address", "枫林社区3号楼");
            housingCaseId = Api.recordCase("c12.staff", c).then().statusCode(201).extract().path("id");
            String ref = eventually().until(() -> Api.referralsOfCase("sub1.staff", housingCaseId), l -> l.size() == 1)
                    .get(0).get("id").toString();
            as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                    .post(url("referral", "/referrals/" + ref + "/route")).then().statusCode(200);
            BrowserSeed.setReferralClock(0);
            // Its due date (a few weeks after the routing) is past: the console colours it from that date.
            String due = as("sub1.staff").get(url("referral", "/referrals/" + ref)).then().statusCode(200)
                    .extract().path("dueDate");
            assertThat(due).isLessThan(TODAY);

            sub1.menu("supervision");
            sub1.tab("overdue");
            var tag = sub1.byTestId("supervision-deadline-" + ref).locator("[data-deadline-state]");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tag)
                    .hasAttribute("data-deadline-state", "overdue");
            String colour = (String) tag.locator(".el-tag").evaluate("e => getComputedStyle(e).backgroundColor");
            assertThat(isRed(colour)).as("overdue tag background %s", colour).isTrue();
            sub1.screen("supervision");
        } finally {
            BrowserSeed.setReferralClock(0);
        }
    }

    @Test
    @Order(9)
    void c12StaffCannotSeeTheC11CaseAnywhere() {
        try (ConsoleUser c12 = ConsoleUser.signIn("c12.staff")) {
            c12.menu("cases");
            c12.byTestId("case-row-" + housingCaseId).waitFor(); // its own community's case is listed
            assertThat(c12.byTestId("case-row-" + caseId).count()).isZero();
            c12.fill("case-search-q", "泾水公寓");
            c12.call("GET", "/cases", () -> c12.byTestId("case-search").click());
            assertThat(c12.byTestId("case-row-" + caseId).count()).isZero();
            c12.screen("case-list-c12");
            Response detail = c12.call("GET", "/cases/" + caseId, () -> c12.open("/cases/" + caseId));
            assertThat(detail.status()).isIn(403, 404);
            assertThat(c12.byTestId("case-description").count()).isZero();
            assertThat(c12.page.content()).doesNotContain(DESCRIPTION).doesNotContain(receiptCode);
            c12.screen("case-detail-c12-refused");
        }
    }

    @Test
    @Order(10)
    void aHandlingUnitSeesOnlyItsOwnReferrals() {
        try (ConsoleUser housing = ConsoleUser.signIn("unit.housing")) {
            housing.menu("handling");
            housing.byTestId("handling-case-" + housingCaseId).waitFor();
            for (String tab : List.of("toAccept", "handling", "done")) {
                housing.tab(tab);
                assertThat(housing.byTestId("handling-case-" + caseId).count()).as("unit.city's referral in tab " + tab).isZero();
            }
            housing.tab("toAccept");
            housing.byTestId("handling-case-" + housingCaseId).waitFor();
            housing.screen("handling-unit-housing");
        }
        sub1.menu("inbox");
        sub1.byTestId("inbox-list").waitFor();
        sub1.screen("inbox");
    }

    private static boolean isRed(String cssColour) {
        var m = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)").matcher(cssColour);
        if (!m.find()) {
            return false;
        }
        int r = Integer.parseInt(m.group(1));
        int g = Integer.parseInt(m.group(2));
        int b = Integer.parseInt(m.group(3));
        return r > 150 && g < 120 && b < 120;
    }
}
