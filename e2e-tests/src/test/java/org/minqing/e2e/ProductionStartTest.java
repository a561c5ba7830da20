package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.NativePostgres;

/**
 * The packaged services as production starts them (java -jar, no %dev/%test):
 * M7, no demo reference data in a jar or a migration (ADR 0026); M4, no start without the secrets.
 * Ordered with the smoke test, before the story produces any case; the extra instances read in consumer
 * groups of their own, so the platform's consumers are left alone.
 */
@Order(1)
class ProductionStartTest {

    /** Each service's inbound channels: the extra instances read in consumer groups of their own. */
    static final Map<String, List<String>> CHANNELS = Map.of(
            "intake", List.of("reception-days", "referrals", "intake-reference"),
            "representative", List.of("intake-cases", "referrals"),
            "referral", List.of("cases", "representatives", "referrals", "reference", "units"),
            "notification", List.of("reception-days", "representatives", "cases", "referrals", "units"));

    /**
     * The demo district's rows that only the API enters (no event carries them), per service: intake's
     * communities and notification's supervisors. Units and remit rules reach every piece by event, so an
     * empty database fills with them from the directory topics whatever its jar holds; for those the
     * proof is the jar itself and the migration history.
     */
    static final Map<String, String> API_ONLY_ROWS = Map.of(
            "intake", "community_area",
            "notification", "mailbox where kind = 'SUPERVISOR'");

    @Test
    void everyServiceStartsOnAnEmptyDatabaseWithNoDemoDataInItsJarOrMigrations() throws Exception {
        E2ePlatform p = E2ePlatform.get();
        // The platform's own databases have the demo district, entered through the APIs (ADR 0026).
        for (var e : API_ONLY_ROWS.entrySet()) {
            assertThat(count(e.getKey(), e.getValue())).as(e.getKey() + " " + e.getValue() + " on the demo platform").isPositive();
        }
        assertThat(count("referral", "handling_unit")).as("the demo units on the platform").isPositive();
        assertThat(count("referral", "routing_rule")).as("the demo remit rules on the platform").isPositive();
        // No packaged service holds a demo migration (M7: nothing demo can reach a production database).
        for (String svc : E2ePlatform.SERVICES) {
            assertThat(demoEntries(p.repo.resolve(svc + "-service/target/quarkus-app"))).as(svc + "'s packaged jars")
                    .isEmpty();
        }
        Map<String, ManagedProcess> started = new LinkedHashMap<>();
        for (String svc : E2ePlatform.SERVICES) {
            Map<String, String> changes = new HashMap<>();
            // In groups of their own (within the service's ACL prefix) the platform's consumers never rebalance.
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
            for (String svc : E2ePlatform.SERVICES) {
                assertThat(count(svc + "_nodemo", "flyway_schema_history where script ilike '%demo%'"))
                        .as(svc + "'s migrations on an empty database").isZero();
            }
            for (var e : API_ONLY_ROWS.entrySet()) {
                assertThat(count(e.getKey() + "_nodemo", e.getValue())).as(e.getKey() + " " + e.getValue() + " without the loader")
                        .isZero();
            }
        } finally {
            started.values().stream().map(m -> CompletableFuture.runAsync(m::stop)).toList()
                    .forEach(CompletableFuture::join);
        }
    }

    /** Every entry under {@code db/demo/} in the jars of a packaged application. */
    static List<String> demoEntries(Path app) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(app)) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    j.stream().map(JarEntry::getName).filter(n -> n.startsWith("db/demo/")).forEach(n -> found.add(jar.getFileName() + "!" + n));
                }
            }
        }
        return found;
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
