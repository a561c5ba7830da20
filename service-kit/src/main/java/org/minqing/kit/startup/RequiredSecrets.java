package org.minqing.kit.startup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * M4: a production start (launch mode NORMAL, i.e. {@code java -jar}, whatever the profile) is
 * refused unless every secret listed in {@code minqing.secrets.required} is supplied, with one
 * message naming each missing key and its environment variable. No secret has a production
 * default any more: the demo values live only in {@code %dev}/{@code %test}, and the local platform
 * and the e2e suite pass theirs through the environment. A value still holding the example
 * Secret's placeholder counts as missing. The key material of the active crypto key
 * ({@code minqing.crypto.keys.<active-key>}) is required too.
 * <p>
 * Runs from {@link RequiredSecretsFlywayCustomizer} before Flyway touches the database, and again at
 * start-up for a service without Flyway.
 */
@ApplicationScoped
public class RequiredSecrets {

    public static final String REQUIRED_KEY = "minqing.secrets.required";
    /** Values that are obviously not real secrets: the example Secret's placeholder. */
    static final Set<String> PLACEHOLDERS = Set.of("REPLACE_FROM_SECRET_STORE", "changeme", "CHANGEME");

    void onStart(@Observes @Priority(1) StartupEvent event) {
        checkIfProduction();
    }

    /** Throws if this is a production start and a required secret is missing. */
    public static void checkIfProduction() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> required = config.getOptionalValues(REQUIRED_KEY, String.class).orElse(List.of());
        List<String> missing = missing(key -> config.getOptionalValue(key, String.class), required);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(missing));
        }
    }

    /**
     * The required keys (plus the active crypto key's material, when crypto keys are required)
     * that have no real value, as {@code key (ENV_VAR)}.
     */
    public static List<String> missing(Function<String, Optional<String>> lookup, Collection<String> required) {
        List<String> missing = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String key : required) {
            String k = key.trim();
            if (!k.isEmpty() && !keys.contains(k)) {
                keys.add(k);
            }
        }
        if (keys.contains("minqing.crypto.active-key")) {
            lookup.apply("minqing.crypto.active-key").filter(RequiredSecrets::isReal)
                    .ifPresent(active -> keys.add("minqing.crypto.keys." + active));
        }
        for (String key : keys) {
            if (lookup.apply(key).filter(RequiredSecrets::isReal).isEmpty()) {
                missing.add(key + " (" + envName(key) + ")");
            }
        }
        return missing;
    }

    static String message(List<String> missing) {
        return "生产环境启动被拒绝：缺少密钥配置 / production start refused, secrets missing: "
                + String.join(", ", missing)
                + ". Supply them from the secret store (see infra/k8s/base/secret.example.yaml); the demo values"
                + " in the repository apply only to %dev/%test, the local platform and the e2e suite.";
    }

    static boolean isReal(String value) {
        return value != null && !value.isBlank() && !PLACEHOLDERS.contains(value.trim());
    }

    /** The environment variable SmallRye Config reads for a property name. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
