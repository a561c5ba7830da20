package org.minqing.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.testing.DemoRealm.C12;
import static org.minqing.testing.DemoRealm.REP_CPPCC;
import static org.minqing.testing.DemoRealm.REP_NPC;
import static org.minqing.testing.DemoRealm.REP_PARTY;
import static org.minqing.testing.DemoRealm.SUB1;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * Issue 13 in the browser against the real platform: the resident's page on a phone, each
 * dashboard, the work report, each printed document (a print-media screenshot of each kept in
 * target/screenshots/, names ending -print) and the exports, downloaded and read back. The facts
 * (representatives, a reception day, two cases, an overdue referral) are made through the APIs;
 * what a person does on these screens is done in the browser.
 */
@Order(7)
class BrowserReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String TODAY = LocalDate.now(CHINA).toString();
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    private static final String DESCRIPTION = "枫林路17弄地下车库雨季反复漏水，车辆被淹，要求物业和房管部门根治 " + TAG;

    private static ConsoleUser sub1;
    private static String dayId;
    private static String caseId;
    private static String receiptCode;
    private static String referralId;

    @BeforeAll
    static void facts() throws Exception {
        BrowserSeed.registerRepresentatives();
        // a reception day in 枫林社区 in three days, one of each kind on the roster
        String date = LocalDate.now(CHINA).plusDays(3).toString();
        String day = as("sub1.staff").body(Map.of("communityCode", C12, "date", date, "startTime", "14:00:00",
                "endTime", "16:30:00", "place", "枫林社区党群服务中心 " + TAG, "representativeIds",
                List.of(REP_NPC, REP_PARTY, REP_CPPCC))).post(url("representative", "/reception-days")).then()
                .statusCode(201).extract().asString();
        dayId = JSON.readTree(day).get("id").asText();

        // a case routed a hundred days ago (referral-service's clock moved back) and never answered: overdue
        BrowserSeed.setReferralClock(-100L * 86_400);
        try {
            Map<String, Object> c = Api.hotlineCase(C12, "housing", DESCRIPTION, Api.freshPhone(), Api.freshIdNumber());
            c.put("address", "枫林路17弄 " + TAG);
            c.put("households", 8);
            c.put("persons", 3);
            var recorded = Api.recordCase("c12.staff", c).then().statusCode(201).extract();
            caseId = recorded.path("id");
            receiptCode = recorded.path("receiptCode");
            referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1).get(0)
                    .get("id").toString();
            as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false,
                    "note", "请街道房管办核查"))
                    .post(url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200);
        } finally {
            BrowserSeed.setReferralClock(0);
        }
        // a second case in the period, online, on another line
        Map<String, Object> other = Api.hotlineCase(C12, "environment", "枫林路夜间渣土车噪声扰民 " + TAG, Api.freshPhone(),
                Api.freshIdNumber());
        other.put("channel", "ONLINE");
        Api.recordCase("c12.staff", other).then().statusCode(201);
        sub1 = ConsoleUser.signIn("sub1.staff");
    }

    @AfterAll
    static void closeBrowser() {
        if (sub1 != null) {
            sub1.close();
        }
        Chromium.close();
    }

    @Test
    @Order(1)
    void theResidentFollowsTheCaseOnAPhone() {
        Browser browser = Chromium.browser();
        try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai").setViewportSize(375, 740).setIsMobile(true).setHasTouch(true))) {
            Page page = phone.newPage();
            page.navigate(E2ePlatform.get().consoleUrl() + "/public#code=" + receiptCode);
            page.getByTestId("public-status").waitFor();
            assertThat(page.getByTestId("public-status")).isVisible();
            // the page fits the phone: nothing wider than the screen
            Object width = page.evaluate("() => document.documentElement.scrollWidth");
            assertThat(((Number) width).intValue()).isLessThanOrEqualTo(375);
            assertThat(page.content()).doesNotContain("测试居民");
            Path dir = Path.of(System.getProperty("minqing.e2e.screenshots", "target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("reports-resident-phone.png")).setFullPage(true));
        }
    }

    @Test
    @Order(2)
    void hotIssuesShowTheCasesByLineWithATableView() throws Exception {
        sub1.menu("dashboards");
        sub1.byTestId("dashboard-hot-issues").waitFor();
        assertThat(sub1.byTestId("scope-text")).containsText("第一街道");
        sub1.byTestId("chart-by-line-chart").locator("svg").waitFor();
        sub1.screen("dashboard-hot-issues");
        // the table view, reached by keyboard: the numbers the chart draws
        sub1.byTestId("chart-by-line-view-table").locator("input").focus();
        sub1.page.keyboard().press("Space");
        assertThat(sub1.byTestId("chart-by-line-table")).containsText("住房保障");
        assertThat(sub1.byTestId("chart-by-line-table")).containsText("生态环境");
        sub1.screen("dashboard-hot-issues-table");
        Path numbers = sub1.download("chart-by-line-download");
        assertThat(xlsxText(numbers)).contains("住房保障");
    }

    @Test
    @Order(3)
    void openWorkShowsTheOverdueReferral() {
        sub1.byTestId("dashboard-tab-open-work").click();
        sub1.byTestId("dashboard-open-work").waitFor();
        sub1.byTestId("open-item-" + referralId).waitFor();
        int overdue = Integer.parseInt(sub1.byTestId("open-overdue").locator(".n").textContent().trim());
        assertThat(overdue).isGreaterThanOrEqualTo(1);
        sub1.screen("dashboard-open-work");
    }

    @Test
    @Order(4)
    void theScoreboardRanksUnitsAndExportsThem() throws Exception {
        sub1.byTestId("dashboard-tab-units").click();
        sub1.byTestId("dashboard-units").waitFor();
        sub1.byTestId("chart-units-chart").locator("svg").waitFor();
        sub1.screen("dashboard-units");
        Path file = sub1.download("units-export");
        String text = xlsxText(file);
        assertThat(text).contains("承办单位", "响应率", "第一街道房屋管理办公室");
    }

    @Test
    @Order(5)
    void theCaseListAndTheBoardExportWhatTheirFiltersShow() throws Exception {
        sub1.menu("cases");
        sub1.fill("case-search-q", TAG);
        sub1.call("GET", "/cases", () -> sub1.byTestId("case-search").click());
        sub1.byTestId("case-row-" + caseId).waitFor();
        Response[] export = new Response[1];
        Path cases = sub1.page.waitForDownload(() -> export[0] = sub1.call("GET", "/cases/export.xlsx",
                () -> sub1.byTestId("case-export").click())).path();
        assertThat(export[0].url()).contains("q=").doesNotContain("access_token").doesNotContain("Bearer");
        String text = xlsxText(cases);
        assertThat(text).contains("案件编号", caseId).doesNotContain("测试居民");

        sub1.menu("referrals");
        sub1.tab("all");
        Path board = sub1.download("board-export");
        assertThat(xlsxText(board)).contains("转办件编号", referralId);
    }

    @Test
    @Order(6)
    void theWorkReportShowsTheServicesNumbersPrintsAndExports() throws Exception {
        sub1.menu("work-report");
        sub1.byTestId("report-visitors").waitFor();
        // the page shows what the services answer for the same period and jurisdiction
        String from = TODAY.substring(0, 4) + "-01-01";
        JsonNode intake = JSON.readTree(as("sub1.staff").queryParam("from", from).queryParam("to", TODAY)
                .queryParam("jurisdiction", SUB1).get(url("intake", "/reports/work")).then().statusCode(200).extract().asString());
        JsonNode rep = JSON.readTree(as("sub1.staff").queryParam("from", from).queryParam("to", TODAY)
                .queryParam("jurisdiction", SUB1).get(url("representative", "/reports/work")).then().statusCode(200).extract().asString());
        assertThat(intake.get("cases").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(sub1.byTestId("report-visitors-0-1").textContent().trim()).isEqualTo(intake.get("cases").asText());
        assertThat(sub1.byTestId("report-visitors-2-1").textContent().trim()).isEqualTo(intake.get("households").asText());
        assertThat(sub1.byTestId("report-reception-0-1").textContent().trim())
                .isEqualTo(rep.get("receptionDays").get("held").asText());
        sub1.screen("work-report");
        sub1.printScreen("work-report");
        Path file = sub1.download("report-export");
        assertThat(xlsxText(file)).contains("工作汇报", "二、来访接待", "接访件数");
    }

    @Test
    @Order(7)
    void theReferralFormPrints() {
        sub1.open("/cases/" + caseId);
        sub1.byTestId("case-print-referral").click();
        sub1.byTestId("doc-referral").waitFor();
        assertThat(sub1.byTestId("doc-referral-unit")).containsText("第一街道房屋管理办公室");
        assertThat(sub1.byTestId("doc-referral-description")).containsText(TAG);
        sub1.page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        sub1.byTestId("print-button").click();
        assertThat(((Number) sub1.page.evaluate("() => window.__printed")).intValue()).isEqualTo(1);
        sub1.screen("doc-referral");
        sub1.printScreen("doc-referral");
        // in print, the app shell is gone and the form is there
        sub1.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(sub1.byTestId("side-menu")).isHidden();
        assertThat(sub1.byTestId("print-button")).isHidden();
        assertThat(sub1.byTestId("doc-referral")).isVisible();
        sub1.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
    }

    @Test
    @Order(8)
    void aSupervisionNoticeIsIssuedWithAReplyByDateAndPrinted() throws Exception {
        String replyBy = workingDayAtLeast(7);
        sub1.menu("supervision");
        sub1.tab("overdue");
        sub1.byTestId("supervision-issue-" + referralId).click();
        sub1.byTestId("supervision-dialog").waitFor();
        sub1.fill("supervision-note", "已超过办理时限，请于回复期限内书面答复 " + TAG);
        sub1.fill("supervision-reply-by", replyBy);
        sub1.page.keyboard().press("Enter");
        sub1.screen("supervision-dialog");
        Response issued = sub1.call("POST", "/referrals/" + referralId + "/supervision",
                () -> sub1.byTestId("supervision-submit").click());
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        assertThat(JSON.readTree(issued.text()).get("replyBy").asText()).isEqualTo(replyBy);
        sub1.byTestId("supervision-print").click();
        sub1.byTestId("doc-supervision").waitFor();
        LocalDate d = LocalDate.parse(replyBy);
        assertThat(sub1.byTestId("doc-supervision-reply-by"))
                .containsText(d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日");
        assertThat(sub1.byTestId("doc-supervision-note")).containsText(TAG);
        sub1.screen("doc-supervision");
        sub1.printScreen("doc-supervision");
    }

    @Test
    @Order(9)
    void theReceptionDaysNoticeAndSignInSheetPrint() {
        sub1.open("/print/reception-day/" + dayId + "/notice");
        sub1.byTestId("doc-notice").waitFor();
        assertThat(sub1.byTestId("doc-notice-place")).containsText(TAG);
        assertThat(sub1.byTestId("doc-notice-receivers")).containsText("黄建华");
        sub1.screen("doc-notice");
        sub1.printScreen("doc-notice");

        sub1.open("/print/reception-day/" + dayId + "/sign-in");
        sub1.byTestId("doc-sign-in").waitFor();
        assertThat(sub1.byTestId("doc-sign-in-table")).containsText("周慧");
        assertThat(sub1.byTestId("doc-sign-in-table")).containsText("吴国平");
        sub1.screen("doc-sign-in");
        sub1.printScreen("doc-sign-in");
    }

    @Test
    @Order(10)
    void aReissuedReceiptSlipPrintsAlone() {
        try (ConsoleUser clerk = ConsoleUser.signIn("c12.staff")) {
            clerk.open("/cases/" + caseId);
            clerk.byTestId("case-reissue-receipt").click();
            clerk.page.locator(".el-message-box__btns .el-button--primary").click();
            clerk.byTestId("case-new-receipt-code").waitFor();
            String code = clerk.byTestId("case-new-receipt-code").textContent().trim();
            assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").isNotEqualTo(receiptCode);
            clerk.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            assertThat(clerk.byTestId("receipt-slip")).isVisible();
            assertThat(clerk.byTestId("receipt-slip")).containsText(code);
            clerk.page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
            clerk.printScreen("receipt-slip-reissued");
        }
    }

    @Test
    @Order(11)
    void dutyArchivesForARepresentativeAndForTheJurisdiction() throws Exception {
        sub1.menu("representatives");
        sub1.byTestId("reps-open-" + REP_NPC).waitFor();
        sub1.screen("representatives");
        Path all = sub1.download("reps-export");
        assertThat(xlsxText(all)).contains("代表履职情况", "黄建华");

        try (ConsoleUser rep = ConsoleUser.signIn("rep.npc")) {
            assertThat(rep.menuEntries()).contains("duty-record").doesNotContain("dashboards", "work-report", "representatives");
            rep.menu("duty-record");
            rep.byTestId("archive-summary").waitFor();
            rep.screen("duty-record");
            Path mine = rep.download("archive-download");
            assertThat(xlsxText(mine)).contains("履职统计");
            // staff screens stay closed to a representative
            rep.open("/dashboards/hot-issues");
            rep.byTestId("forbidden").waitFor();
        }
    }

    /** Every XML part of the workbook as one text: the shared strings and the sheets, whichever the writer used. */
    static String xlsxText(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        Set<String> parts = new HashSet<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                parts.add(e.getName());
                if (e.getName().endsWith(".xml")) {
                    out.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        assertThat(parts).as("an XLSX package").contains("[Content_Types].xml", "xl/workbook.xml");
        return out.toString();
    }

    /** A weekday at least n days ahead that the official calendar does not list as a holiday. */
    private static String workingDayAtLeast(int n) throws Exception {
        LocalDate d = LocalDate.now(CHINA).plusDays(n);
        Map<String, String> special = new HashMap<>();
        for (int year : new int[] { d.getYear(), d.getYear() + 1 }) {
            JsonNode days = JSON.readTree(as("sub1.staff").get(url("referral", "/calendar/" + year)).then().statusCode(200)
                    .extract().asString());
            days.forEach(x -> special.put(x.get("day").asText(), x.get("kind").asText()));
        }
        while (true) {
            String kind = special.get(d.toString());
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if ("ADJUSTED_WORKDAY".equals(kind) || !weekend && !"HOLIDAY".equals(kind)) {
                return d.toString();
            }
            d = d.plusDays(1);
        }
    }
}
