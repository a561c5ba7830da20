package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.NativePostgres;

/**
 * The packaged services as production starts them (java -jar, no %dev/%test):
 * M7, no demo reference data unless asked for; M4, no start without the secrets. Ordered with the
 * smoke test, before the story produces any event, so the extra instances have nothing to consume.
 */
@Order(1)
class ProductionStartTest {

    /** Each service's inbound channels: the extra instances read in consumer groups of their own. */
    static final Map<String, List<String>> CHANNELS = Map.of(
            "intake", List.of("reception-days", "referrals"),
            "representative", List.of("intake-cases", "referrals"),
            "referral", List.of("cases"),
            "notification", List.of("reception-days", "representatives", "cases", "referrals"));

    /** Tables that the demo district's rows (db/demo) fill, per service. */
    static final Map<String, List<String>> DEMO_TABLES = Map.of(
            "intake", List.of("community_area"),
            "referral", List.of("handling_unit", "routing_rule"),
            "notification", List.of("mailbox"));

    @Test
    void withoutTheDemoFlagEveryServiceStartsOnAnEmptyDatabaseWithNoDemoRows() throws Exception {
        E2ePlatform p = E2ePlatform.get();
        // The platform itself runs with the demo data: the same tables are filled there.
        for (var e : DEMO_TABLES.entrySet()) {
            for (String table : e.getValue()) {
                assertThat(count(e.getKey(), table)).as(e.getKey() + "." + table + " on the demo platform").isPositive();
            }
        }
        Map<String, ManagedProcess> started = new LinkedHashMap<>();
        for (String svc : E2ePlatform.SERVICES) {
            Map<String, String> changes = new HashMap<>();
            changes.put("MINQING_DEMO_DATA_ENABLED", null);
            // Run first, before any event exists; in groups of their own (within the service's ACL prefix)
            // the platform's consumers never rebalance.
            for (String channel : CHANNELS.get(svc)) {
                changes.put("MP_MESSAGING_INCOMING_" + channel.replace('-', '_').toUpperCase() + "_GROUP_ID",
                        svc + "-service-nodemo");
            }
            started.put(svc, p.customInstance(svc, "nodemo", svc + "_nodemo", changes));
        }
        try {
            started.values().forEach(ManagedProcess::start);
            started.values().stream()
                    .map(m -> CompletableFuture.runAsync(() -> m.awaitReady(Duration.ofMinutes(3)))).toList()
                    .forEach(CompletableFuture::join);
            for (var e : DEMO_TABLES.entrySet()) {
                for (String table : e.getValue()) {
                    assertThat(count(e.getKey() + "_nodemo", table)).as(e.getKey() + "." + table + " without demo data")
                            .isZero();
                }
            }
        } finally {
            started.values().stream().map(m -> CompletableFuture.runAsync(m::stop)).toList()
                    .forEach(CompletableFuture::join);
        }
    }

    @Test
    void aProductionStartWithoutItsSecretsIsRefusedNamingEachMissingOne() throws Exception {
        E2ePlatform p = E2ePlatform.get();
        Map<String, String> changes = new HashMap<>();
        changes.put("QUARKUS_OIDC_CREDENTIALS_SECRET", null);
        changes.put("MINQING_CRYPTO_INDEX_KEY", "REPLACE_FROM_SECRET_STORE");
        ManagedProcess intake = p.customInstance("intake", "nosecrets", "intake_nosecrets", changes);
        try {
            intake.start();
            assertThat(intake.awaitExit(Duration.ofMinutes(2))).as("intake refused to start").isTrue();
            String log = Files.readString(intake.log);
            assertThat(log).contains("production start refused")
                    .contains("quarkus.oidc.credentials.secret (QUARKUS_OIDC_CREDENTIALS_SECRET)")
                    .contains("minqing.crypto.index-key (MINQING_CRYPTO_INDEX_KEY)")
                    .doesNotContain("quarkus.datasource.password (");
            // Refused before Flyway touched the database.
            assertThat(count("intake_nosecrets", "information_schema.tables where table_name = 'intake_case'")).isZero();
        } finally {
            intake.stop();
        }
    }

    static long count(String database, String from) throws Exception {
        NativePostgres pg = NativePostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), "");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
