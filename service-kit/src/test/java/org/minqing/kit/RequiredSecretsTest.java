package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minqing.kit.startup.RequiredSecrets;

/** M4: a production start names every secret it lacks; demo values come only from %dev/%test or the environment. */
class RequiredSecretsTest {

    static final List<String> REQUIRED = List.of("quarkus.datasource.password", "quarkus.oidc.credentials.secret",
            "minqing.crypto.active-key", "minqing.crypto.index-key");

    static List<String> missing(Map<String, String> config) {
        return RequiredSecrets.missing(k -> Optional.ofNullable(config.get(k)), REQUIRED);
    }

    @Test
    void nothingSuppliedNamesEverySecretWithItsEnvironmentVariable() {
        assertThat(missing(Map.of())).containsExactly(
                "quarkus.datasource.password (QUARKUS_DATASOURCE_PASSWORD)",
                "quarkus.oidc.credentials.secret (QUARKUS_OIDC_CREDENTIALS_SECRET)",
                "minqing.crypto.active-key (MINQING_CRYPTO_ACTIVE_KEY)",
                "minqing.crypto.index-key (MINQING_CRYPTO_INDEX_KEY)");
    }

    @Test
    void theActiveKeysMaterialIsRequiredToo() {
        Map<String, String> config = new HashMap<>(complete());
        config.remove("minqing.crypto.keys.k2026a");
        assertThat(missing(config)).containsExactly("minqing.crypto.keys.k2026a (MINQING_CRYPTO_KEYS_K2026A)");
    }

    @Test
    void blanksAndTheExampleSecretsPlaceholderDoNotCount() {
        Map<String, String> config = new HashMap<>(complete());
        config.put("quarkus.datasource.password", "  ");
        config.put("quarkus.oidc.credentials.secret", "REPLACE_FROM_SECRET_STORE");
        assertThat(missing(config)).containsExactly(
                "quarkus.datasource.password (QUARKUS_DATASOURCE_PASSWORD)",
                "quarkus.oidc.credentials.secret (QUARKUS_OIDC_CREDENTIALS_SECRET)");
    }

    @Test
    void everythingSuppliedPasses() {
        assertThat(missing(complete())).isEmpty();
    }

    @Test
    void theServicesCommitNoSecretOutsideDevAndTest() throws Exception {
        // The services' committed configuration: no production default for any required secret.
        java.nio.file.Path root = org.minqing.testing.Processes.repoRoot();
        for (String svc : List.of("intake", "representative", "referral", "notification")) {
            java.nio.file.Path props = root.resolve(svc + "-service/src/main/resources/application.properties");
            for (String line : java.nio.file.Files.readAllLines(props)) {
                String l = line.trim();
                if (l.startsWith("#") || !l.contains("=")) {
                    continue;
                }
                String key = l.substring(0, l.indexOf('=')).trim();
                assertThat(key).as(svc + ": " + l)
                        .isNotIn("quarkus.datasource.password", "quarkus.oidc.credentials.secret",
                                "minqing.crypto.index-key", "minqing.crypto.active-key")
                        .doesNotStartWith("minqing.crypto.keys.");
            }
        }
    }

    static Map<String, String> complete() {
        return Map.of("quarkus.datasource.password", "s3cret", "quarkus.oidc.credentials.secret", "c1ient",
                "minqing.crypto.active-key", "k2026a", "minqing.crypto.keys.k2026a", "AAAA",
                "minqing.crypto.index-key", "BBBB");
    }
}
