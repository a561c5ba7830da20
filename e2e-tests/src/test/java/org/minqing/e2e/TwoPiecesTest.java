package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.C21;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.NativePostgres;
import org.minqing.testing.Pieces;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 14 (部署单元): two pieces of the demo district side by side on the same Kafka, Keycloak and
 * SMS gateway, each on its own databases: the district's (root, plain consumer groups) and sub-district
 * 310104001's. Each case is referred and notified by the piece owning its community, exactly once; a
 * stopped piece's cases wait for it and nobody else takes them.
 *
 * <p>Runs last: the shared platform's four services own every jurisdiction and consume in the same plain
 * groups as the district's piece, so they are stopped first (and not restarted: nothing runs after).
 */
@Order(11)
class TwoPiecesTest {

    private static final String SD = Pieces.SUB_DISTRICT_PIECE;
    private static final String CASES = "minqing.intake.case";

    /** One piece: its four service instances, each on its own database. */
    private record Piece(String id, Map<String, ManagedProcess> services, E2ePlatform p) {
        String url(String service) {
            return "http://127.0.0.1:" + p.extraPort(services.get(service));
        }

        Map<String, String> urls() {
            Map<String, String> urls = new HashMap<>();
            services.keySet().forEach(s -> urls.put(s, url(s)));
            return urls;
        }

        String db(String service) {
            return service + "_" + (id.equals("district") ? "district" : "sd");
        }

        /** The consumer group of a service in this piece (ADR 0018: root plain, others suffixed). */
        String group(String service) {
            return service + "-service" + (id.equals("district") ? "" : "-" + id);
        }
    }

    @Test
    void eachCaseIsHandledByTheOwningPieceOnceAndAStoppedPiecesCasesWaitForIt() {
        E2ePlatform p = Api.platform();
        // The shared platform owns everything in the plain groups: it must not run beside the pieces.
        E2ePlatform.SERVICES.stream().map(s -> CompletableFuture.runAsync(() -> p.service(s).stop())).toList()
                .forEach(CompletableFuture::join);

        Piece district = piece(p, "district", "310104");
        Piece sd = piece(p, SD, "310104001000");
        // The sub-district joins now (docs/operations.md "Add a sub-district's piece"): its new groups start
        // at the current end of the work topics, whose history the district's piece has already handled.
        // Without this a new piece's groups start from the oldest retained event and would redo that work
        // (referrals and receipt SMS of its communities' old cases) a second time. Directory topics
        // (representatives, units) are read from the beginning: every piece takes them.
        joinAtTheEnd(Map.of(sd.group("intake"), List.of("minqing.representative.reception-day", "minqing.referral.referral"),
                sd.group("notification"), List.of("minqing.representative.reception-day", CASES, "minqing.referral.referral"),
                sd.group("referral"), List.of(CASES, "minqing.referral.referral"),
                sd.group("representative"), List.of(CASES, "minqing.referral.referral")));
        List<ManagedProcess> all = new ArrayList<>(district.services().values());
        all.addAll(sd.services().values());
        all.forEach(ManagedProcess::start);
        all.stream().map(m -> CompletableFuture.runAsync(() -> m.awaitReady(Duration.ofMinutes(6)))).toList()
                .forEach(CompletableFuture::join);
        // Each piece's own databases are empty: the demo district through both pieces' APIs, the district's
        // first. Each keeps what its jurisdiction owns and receives the rest by event (ADR 0024, 0026).
        DemoDistrict.load(p.repo, List.of(district.urls(), sd.urls()));
        DemoDistrict.awaitUnitMailboxes(p.repo, district.url("notification"));
        DemoDistrict.awaitUnitMailboxes(p.repo, sd.url("notification"));

        // 1. A 310104001 case through the sub-district's intake, a 310104002 case through the district's.
        String sdPhone = Api.freshPhone();
        Response sdCase = record(sd, "c11.staff", C11, "housing", "楼道墙皮大面积脱落，下雨天屋顶渗水", sdPhone);
        sdCase.then().statusCode(201);
        String sdCaseId = sdCase.path("id");
        String districtPhone = Api.freshPhone();
        Response districtCase = record(district, "c21.staff", C21, "housing", "老旧公房电梯经常停运，老人上下楼困难", districtPhone);
        districtCase.then().statusCode(201);
        String districtCaseId = districtCase.path("id");

        // The district's intake does not record a case of the sub-district's community: 409 naming the field.
        String refused = record(district, "c11.staff", C11, "transport", "路口红绿灯时间太短，行人来不及过马路", Api.freshPhone()).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.containsString("jurisdiction-of-another-piece"))
                .body("errors.field", org.hamcrest.Matchers.contains("communityCode")).extract().asString();
        assertThat(refused).as("names the owning piece").contains(SD);

        // Each referred by its own piece and acknowledged by SMS with its own receipt code.
        eventually().untilAsserted(() -> {
            assertThat(referrals(sd, sdCaseId)).isEqualTo(1);
            assertThat(referrals(district, districtCaseId)).isEqualTo(1);
            assertThat(smsTo(p, sdPhone)).singleElement().asString().contains((String) sdCase.path("receiptCode"));
            assertThat(smsTo(p, districtPhone)).singleElement().asString()
                    .contains((String) districtCase.path("receiptCode"));
        });
        // Every consumer of the case topic in both pieces has gone past both cases: the counts are final.
        Map<TopicPartition, Long> ends = endOffsets(CASES);
        for (Piece piece : List.of(district, sd)) {
            for (String svc : List.of("referral", "notification", "representative")) {
                awaitConsumed(piece.group(svc), ends);
            }
        }
        assertCounts(p, sd, district, sdCaseId, sdPhone);
        assertCounts(p, district, sd, districtCaseId, districtPhone);

        // 2. The sub-district's referral-service stops: its new case waits, the district does not take it.
        ManagedProcess sdReferral = sd.services().get("referral");
        sdReferral.stop();
        String waitingPhone = Api.freshPhone();
        Response waiting = record(sd, "c11.staff", C11, "environment", "河道边垃圾堆放发臭，夏天蚊虫很多", waitingPhone);
        waiting.then().statusCode(201);
        String waitingId = waiting.path("id");
        // Its event is on the topic (the sub-district's notification, still running, planned its receipt) ...
        eventually().untilAsserted(() -> assertThat(notices(sd, waitingId)).isEqualTo(2));
        // ... and then a later case of the district's, which the district's referral demonstrably handles.
        String laterPhone = Api.freshPhone();
        Response later = record(district, "c21.staff", C21, "education", "小学放学时段校门口家长车辆拥堵，孩子出校不安全", laterPhone);
        later.then().statusCode(201);
        String laterId = later.path("id");
        eventually().untilAsserted(() -> assertThat(referrals(district, laterId)).isEqualTo(1));
        Map<TopicPartition, Long> afterBoth = endOffsets(CASES);
        awaitConsumed(district.group("referral"), afterBoth);
        assertThat(referrals(district, waitingId)).as("the district's referral does not take the sub-district's case")
                .isZero();
        assertThat(referrals(sd, waitingId)).as("nobody referred it while the sub-district's referral was stopped")
                .isZero();

        // The sub-district's referral-service comes back: the waiting case is referred once, its notices once.
        sdReferral.start();
        sdReferral.awaitReady(Duration.ofMinutes(4));
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(referrals(sd, waitingId)).isEqualTo(1);
            assertThat(smsTo(p, waitingPhone)).singleElement().asString().contains((String) waiting.path("receiptCode"));
            assertThat(smsTo(p, laterPhone)).singleElement().asString().contains((String) later.path("receiptCode"));
        });
        for (Piece piece : List.of(district, sd)) {
            for (String svc : List.of("referral", "notification", "representative")) {
                awaitConsumed(piece.group(svc), afterBoth);
            }
        }
        assertCounts(p, sd, district, waitingId, waitingPhone);
        assertCounts(p, district, sd, laterId, laterPhone);

        // 3. The district still sees its whole district (ADR 0020).
        theDistrictSeesTheSubDistrictsReferrals(p, district, sd, sdCaseId);

        // 4. A unit and a district-wide rule entered on the district's piece route the sub-district's cases (ADR 0024).
        aDistrictUnitAndRuleRouteTheSubDistrictsCasesAtOnce(district, sd);
    }

    /**
     * A district bureau and a district-wide remit rule added through the district's referral API reach
     * the sub-district's piece by events: a case of 310104001 recorded there right after is suggested to
     * the new bureau, with no restart. The sub-district's piece refuses to change the district's rule.
     */
    private static void aDistrictUnitAndRuleRouteTheSubDistrictsCasesAtOnce(Piece district, Piece sd) {
        String unitId = UUID.randomUUID().toString();
        Map<String, Object> unit = new HashMap<>(Map.of("name", "区卫生健康委员会（测试） / district health commission",
                "tier", "DISTRICT", "lines", "health", "jurisdiction", DemoRealm.DISTRICT,
                "contactEmail", "health@unit.minqing.local"));
        given().auth().oauth2(Sso.user("district.staff")).contentType(ContentType.JSON).body(unit)
                .put(district.url("referral") + "/units/" + unitId).then().statusCode(200);
        Map<String, Object> rule = Map.of("lineCode", "health", "scopeCode", DemoRealm.DISTRICT,
                "route", "REPRESENTATIVE_CONTACT", "unitId", unitId);
        given().auth().oauth2(Sso.user("district.staff")).contentType(ContentType.JSON).body(rule)
                .put(district.url("referral") + "/routing-rules").then().statusCode(200);
        // not changed on the sub-district's piece: 409 naming the field and the piece that keeps it
        given().auth().oauth2(Sso.user("ops")).contentType(ContentType.JSON).body(rule)
                .put(sd.url("referral") + "/routing-rules").then().statusCode(409)
                .body("errors.field", org.hamcrest.Matchers.contains("scopeCode"))
                .body("detail", org.hamcrest.Matchers.containsString("district"));
        eventually().untilAsserted(() -> {
            given().auth().oauth2(Sso.user("sub1.staff")).get(sd.url("referral") + "/units/" + unitId).then().statusCode(200);
            assertThat(count(sd.db("referral"), "select count(*) from routing_rule where line_code = 'health'"
                    + " and scope_code = ? and cast(unit_id as text) = '" + unitId + "'", DemoRealm.DISTRICT)).isEqualTo(1);
        });

        Response healthCase = record(sd, "c11.staff", C11, "health", "社区卫生服务站周末不开门，老人配药不方便", Api.freshPhone());
        healthCase.then().statusCode(201);
        String caseId = healthCase.path("id");
        eventually().untilAsserted(() -> assertThat(id(sd.db("referral"),
                "select cast(suggested_unit_id as text) from referral where case_id = ?", caseId)).isEqualTo(unitId));
        assertThat(count(district.db("referral"), "select count(*) from referral where case_id = ?", caseId)).isZero();
    }

    /**
     * The district's piece counts both pieces' referrals in its work report and scoreboard (from the
     * sub-district's events, not its database); a referral overdue in the sub-district shows on the
     * district's list of overdue work, escalated; and a 督办单 the district issues on it reaches the
     * unit through the sub-district's piece.
     */
    private static void theDistrictSeesTheSubDistrictsReferrals(E2ePlatform p, Piece district, Piece sd, String sdCaseId) {
        String referral = id(sd.db("referral"), "select cast(id as text) from referral where case_id = ?", sdCaseId);
        given().auth().oauth2(Sso.user("sub1.staff")).contentType(ContentType.JSON)
                .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", DemoRealm.UNIT_HOUSING, "difficult", false))
                .post(sd.url("referral") + "/referrals/" + referral + "/route").then().statusCode(200);

        // Work report and scoreboard of today: two referrals (and cases) in each piece's database, four in the report.
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        long inDistrict = count(district.db("referral"), "select count(*) from referral");
        long inSd = count(sd.db("referral"), "select count(*) from referral");
        assertThat(inDistrict).isEqualTo(2);
        assertThat(inSd).isEqualTo(2);
        eventually().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            io.restassured.path.json.JsonPath work = given().auth().oauth2(Sso.user("district.staff"))
                    .queryParam("from", today).queryParam("to", today).get(district.url("referral") + "/reports/work")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(work.getInt("referrals")).isEqualTo(4);
            assertThat(work.getInt("cases")).isEqualTo(4);
            assertThat(work.getInt("casesByCommunity." + C11)).isEqualTo(2);
            assertThat(work.getInt("casesByCommunity." + C21)).isEqualTo(2);
            assertThat(work.getInt("routed")).isEqualTo(1);
            List<Map<String, Object>> units = given().auth().oauth2(Sso.user("district.staff"))
                    .queryParam("from", today).queryParam("to", today).get(district.url("referral") + "/reports/units")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(units).singleElement().satisfies(u -> {
                assertThat(u).containsEntry("unitId", DemoRealm.UNIT_HOUSING).containsEntry("referred", 1);
            });
        });
        // The sub-district's staff on their own piece see their own only.
        assertThat(given().auth().oauth2(Sso.user("sub1.staff")).queryParam("from", today).queryParam("to", today)
                .get(sd.url("referral") + "/reports/work").then().statusCode(200).extract().jsonPath().getInt("referrals"))
                .isEqualTo(2);

        // 120 days pass (both pieces' clocks): the unit never answered; the sub-district's watch escalates it.
        try {
            for (Piece piece : List.of(sd, district)) {
                given().auth().oauth2(Sso.user("ops")).contentType(ContentType.JSON).body(Map.of("offsetSeconds", 120L * 86400))
                        .put(piece.url("referral") + "/ops/clock").then().statusCode(200);
            }
            eventually().atMost(Duration.ofSeconds(150)).untilAsserted(() -> {
                io.restassured.path.json.JsonPath open = given().auth().oauth2(Sso.user("district.staff"))
                        .queryParam("jurisdiction", "310104001000").get(district.url("referral") + "/reports/open-work")
                        .then().statusCode(200).extract().jsonPath();
                assertThat(open.getInt("escalated")).isGreaterThanOrEqualTo(1);
                Map<String, Object> item = open.getMap("items.find { it.referralId == '" + referral + "' }");
                assertThat(item).isNotNull().containsEntry("state", "OVERDUE").containsEntry("pieceId", SD)
                        .containsEntry("watchTier", "DISTRICT");
                // ... and on the list of what the district watches now (escalated to it)
                assertThat(given().auth().oauth2(Sso.user("district.staff")).queryParam("watchedByMe", true)
                        .get(district.url("referral") + "/delegated-referrals").then().statusCode(200).extract().jsonPath()
                        .getList("referralId")).contains(referral);
            });
            assertThat(count(district.db("referral"), "select count(*) from referral where cast(id as text) = ?", referral))
                    .as("known to the district from events only").isZero();

            // The district's 督办单: asked of the sub-district's piece, issued there, mailed to the unit.
            String note = "区人大常委会督办：请尽快答复（" + UUID.randomUUID() + "）";
            given().auth().oauth2(Sso.user("district.staff")).contentType(ContentType.JSON).body(Map.of("note", note))
                    .post(district.url("referral") + "/delegated-referrals/" + referral + "/supervision").then()
                    .statusCode(202);
            eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                assertThat(count(sd.db("referral"), "select count(*) from supervision where cast(referral_id as text) = ?",
                        referral)).isEqualTo(1);
                assertThat(SeedStoryTest.mailsTo(p, "housing@unit.minqing.local").stream().filter(m -> {
                    try {
                        return m.getSubject().contains("督办单") && m.getSubject().contains(sdCaseId);
                    } catch (Exception e) {
                        return false;
                    }
                })).hasSize(1);
                List<Map<String, Object>> listed = given().auth().oauth2(Sso.user("district.staff"))
                        .get(district.url("referral") + "/supervisions").then().statusCode(200).extract().jsonPath()
                        .getList("findAll { it.referralId == '" + referral + "' }");
                assertThat(listed).singleElement().satisfies(s -> assertThat(s).containsEntry("note", note)
                        .containsEntry("pieceId", SD));
            });
            assertThat(count(district.db("referral"), "select count(*) from supervision"))
                    .as("the district's piece issued none itself").isZero();
        } finally {
            for (Piece piece : List.of(sd, district)) {
                given().auth().oauth2(Sso.user("ops")).contentType(ContentType.JSON).body(Map.of("offsetSeconds", 0))
                        .put(piece.url("referral") + "/ops/clock").then().statusCode(200);
            }
        }
    }

    private static String id(String database, String sql, String arg) {
        NativePostgres pg = NativePostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The case is held by {@code owner} alone: one referral and its two receipt notices (SMS sent, e-mail
     * skipped for want of an address) there, nothing in {@code other}, and exactly one SMS to the resident.
     */
    private static void assertCounts(E2ePlatform p, Piece owner, Piece other, String caseId, String phone) {
        assertThat(referrals(owner, caseId)).as("referrals of " + caseId + " in " + owner.id()).isEqualTo(1);
        assertThat(referrals(other, caseId)).as("referrals of " + caseId + " in " + other.id()).isZero();
        assertThat(notices(owner, caseId)).as("notices of " + caseId + " in " + owner.id()).isEqualTo(2);
        assertThat(count(owner.db("notification"), "select count(*) from notice where recipient_kind = 'VISITOR'"
                + " and recipient_id = ? and channel = 'SMS' and state = 'SENT'", caseId)).as("receipt SMS sent")
                .isEqualTo(1);
        assertThat(notices(other, caseId)).as("notices of " + caseId + " in " + other.id()).isZero();
        assertThat(smsTo(p, phone)).as("SMS to the resident of " + caseId).hasSize(1);
    }

    private static Piece piece(E2ePlatform p, String id, String scope) {
        String suffix = id.equals("district") ? "district" : "sd";
        Map<String, String> env = new HashMap<>();
        env.put("MINQING_OWNERSHIP_TABLE", Pieces.TABLE);
        env.put("MINQING_PIECE_ID", id);
        env.put("MINQING_PIECE_SCOPE", scope);
        Map<String, ManagedProcess> services = new LinkedHashMap<>();
        ManagedProcess intake = p.customInstance("intake", suffix, "intake_" + suffix, env);
        services.put("intake", intake);
        services.put("representative", p.customInstance("representative", suffix, "representative_" + suffix, env));
        services.put("referral", p.customInstance("referral", suffix, "referral_" + suffix, env));
        // The one internal call (the receipt code at send time) goes to the same piece's intake.
        Map<String, String> notification = new HashMap<>(env);
        String intakeUrl = "http://127.0.0.1:" + p.extraPort(intake);
        notification.put("MINQING_INTAKE_URL", intakeUrl);
        notification.put("MINQING_PUBLIC_BASE_URL", intakeUrl);
        services.put("notification", p.customInstance("notification", suffix, "notification_" + suffix, notification));
        return new Piece(id, services, p);
    }

    /**
     * A hotline case with a resident's mobile. Each case of a piece is on another line with other words,
     * so referral-service never links one as a repeat of another (it would open no referral for it).
     */
    private static Response record(Piece piece, String user, String community, String line, String matter, String phone) {
        Map<String, Object> body = Api.hotlineCase(community, line, matter + "（" + UUID.randomUUID() + "）", phone,
                Api.freshIdNumber());
        return given().auth().oauth2(Sso.user(user)).contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(piece.url("intake") + "/cases");
    }

    private static long referrals(Piece piece, String caseId) {
        return count(piece.db("referral"), "select count(*) from referral where case_id = ?", caseId);
    }

    /** Every notice about the case: its visitor's, and any naming it in the template data. */
    private static long notices(Piece piece, String caseId) {
        return count(piece.db("notification"), "select count(*) from notice where (recipient_kind = 'VISITOR' and recipient_id = ?)"
                + " or params like '%' || ? || '%'", caseId, caseId);
    }

    private static List<String> smsTo(E2ePlatform p, String phone) {
        return p.sms.sentBodies().stream().filter(b -> b.contains(phone)).toList();
    }

    private static long count(String database, String sql, String... args) {
        NativePostgres pg = NativePostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Admin admin() {
        Properties props = NativeKafka.shared().clientProperties();
        return Admin.create(props);
    }

    private static Map<TopicPartition, Long> endOffsets(String... topics) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            admin.describeTopics(List.of(topics)).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(part -> specs.put(new TopicPartition(name, part.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits each group's offsets at the current end of its topics (the group must not be running). */
    private static void joinAtTheEnd(Map<String, List<String>> topicsByGroup) {
        try (Admin admin = admin()) {
            for (var e : topicsByGroup.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                endOffsets(e.getValue().toArray(String[]::new)).forEach((tp, end) -> offsets.put(tp, new OffsetAndMetadata(end)));
                admin.alterConsumerGroupOffsets(e.getKey(), offsets).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the group has committed at least {@code ends} on every partition (it consumed that far). */
    private static void awaitConsumed(String group, Map<TopicPartition, Long> ends) {
        try (Admin admin = admin()) {
            eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                ends.forEach((tp, end) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    assertThat(c == null ? 0L : c.offset()).as(group + " on " + tp).isGreaterThanOrEqualTo(end);
                });
            });
        }
    }
}
