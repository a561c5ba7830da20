package org.minqing.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.minqing.testing.NativeKafka;
import org.minqing.testing.NativePostgres;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole platform for the end-to-end suite, started once per test JVM: PostgreSQL and Kafka
 * (native processes), Keycloak with the realm from infra/keycloak, an SMTP server (GreenMail)
 * and an SMS gateway stand-in, then the four services from their packaged builds, each a separate
 * JVM like in infra/local/platform. The staff console's server (console/server/serve.mjs serving
 * console/dist with the /api/* forwards) starts on first use by the browser suite. Logs:
 * e2e-tests/target/e2e-logs/.
 */
public final class E2ePlatform {

    public static final List<String> SERVICES = List.of("intake", "representative", "referral", "notification");

    private static E2ePlatform instance;

    final Path repo;
    final Path logs;
    final NativePostgres pg;
    final NativeKafka kafka;
    final GreenMail mail;
    final int smtpPort;
    final SmsGatewayStub sms;
    final ManagedProcess keycloak;
    /** Issue 15: the services export their spans here (OTLP/HTTP), as to a collector. */
    final OtlpReceiver otlp;
    final int keycloakPort;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    /** The console's origin is known before Keycloak starts: the realm copy admits exactly it. */
    final int consolePort;
    private ManagedProcess console;

    public static synchronized E2ePlatform get() {
        if (instance == null) {
            instance = new E2ePlatform();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "stop-e2e-platform"));
            instance.start();
        }
        return instance;
    }

    private E2ePlatform() {
        repo = findRepo();
        logs = Path.of(System.getProperty("minqing.e2e.logs", repo.resolve("e2e-tests/target/e2e-logs").toString()));
        pg = NativePostgres.shared();
        // M3/L13: SASL/SCRAM and ACLs, one Kafka user per service (passwords from infra/local/demo-secrets).
        Map<String, String> kafkaUsers = new HashMap<>();
        for (String svc : SERVICES) {
            kafkaUsers.put(svc + "-service", demoSecrets(svc).get("MINQING_KAFKA_PASSWORD"));
        }
        kafka = NativeKafka.sharedSecure(kafkaUsers);
        smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sms = new SmsGatewayStub(freePort());
        otlp = new OtlpReceiver(freePort());
        keycloakPort = freePort();
        consolePort = freePort();
        keycloak = keycloakProcess(keycloakPort, freePort());
        for (String svc : SERVICES) {
            ports.put(svc, freePort());
        }
        for (String svc : SERVICES) {
            services.put(svc, serviceProcess(svc, ports.get(svc), svc));
        }
    }

    private void start() {
        mail.start();
        sms.start();
        otlp.start();
        keycloak.start();
        for (String svc : SERVICES) {
            pg.database(svc);
        }
        keycloak.awaitReady(Duration.ofMinutes(4));
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (ManagedProcess p : services.values()) {
            p.start();
            starting.add(CompletableFuture.runAsync(() -> p.awaitReady(Duration.ofMinutes(3))));
        }
        starting.forEach(CompletableFuture::join);
        // The demo district through the APIs (ADR 0026): the services' migrations hold none of it.
        Map<String, String> urls = new HashMap<>();
        SERVICES.forEach(svc -> urls.put(svc, url(svc)));
        DemoDistrict.load(repo, List.of(urls));
        DemoDistrict.awaitUnitMailboxes(repo, url("notification"));
    }

    private void shutdown() {
        // All at once: a graceful stop can take seconds per process, and the test JVM must end promptly.
        List<ManagedProcess> all = new ArrayList<>(services.values());
        all.addAll(extraInstances);
        all.add(keycloak);
        synchronized (this) {
            if (console != null) {
                all.add(console);
            }
        }
        all.stream().map(p -> CompletableFuture.runAsync(p::stop)).toList().forEach(CompletableFuture::join);
        sms.stop();
        otlp.stop();
        mail.stop();
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    /** The staff console's origin (started on first call): the page and the /api/* forwards. */
    public synchronized String consoleUrl() {
        if (console == null) {
            Path server = repo.resolve("console/server/serve.mjs");
            Path dist = repo.resolve("console/dist");
            if (!Files.isRegularFile(server) || !Files.isRegularFile(dist.resolve("index.html"))) {
                throw new IllegalStateException(dist + " or " + server
                        + " missing: build the console module first (./mvnw -pl console package)");
            }
            console = new ManagedProcess("console", List.of("node", server.toString()), ServiceEnvironment.console(this),
                    repo.resolve("console"), logs.resolve("console.log"), consoleOrigin() + "/config.json");
            console.start();
            console.awaitReady(Duration.ofMinutes(1));
        }
        return consoleOrigin();
    }

    String consoleOrigin() {
        return "http://127.0.0.1:" + consolePort;
    }

    public ManagedProcess service(String name) {
        return services.get(name);
    }

    private final List<ManagedProcess> extraInstances = new ArrayList<>();

    /** A further instance of a service (same database, same consumer group) on its own port. */
    public ManagedProcess extraInstance(String service, String suffix) {
        ManagedProcess p = serviceProcess(service, freePort(), service + "-" + suffix);
        extraInstances.add(p);
        return p;
    }

    public int extraPort(ManagedProcess p) {
        return Integer.parseInt(p.envPort);
    }

    /**
     * An instance of a service on its own database {@code database} (created empty), with the
     * platform's environment changed by {@code changes} (a null value removes a variable): for
     * start-up checks such as "no demo data by default" and "no start without secrets".
     */
    public ManagedProcess customInstance(String service, String suffix, String database, Map<String, String> changes) {
        String jdbc = pg.database(database);
        ManagedProcess p = serviceProcess(service, freePort(), service + "-" + suffix, env -> {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
            changes.forEach((k, v) -> {
                if (v == null) {
                    env.remove(k);
                } else {
                    env.put(k, v);
                }
            });
        });
        extraInstances.add(p);
        return p;
    }

    private ManagedProcess serviceProcess(String svc, int port, String instanceName) {
        return serviceProcess(svc, port, instanceName, env -> {
        });
    }

    private ManagedProcess serviceProcess(String svc, int port, String instanceName,
            java.util.function.Consumer<Map<String, String>> adjust) {
        Path app = appCopy(svc).resolve("quarkus-run.jar");
        Map<String, String> env = new HashMap<>();
        // The services have no production default for any secret (M4); like the local platform,
        // the suite passes the demo ones. The test cluster trusts local logins, so any password does.
        env.putAll(demoSecrets(svc));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(svc));
        env.put("QUARKUS_DATASOURCE_USERNAME", pg.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloakUrl() + "/realms/minqing");
        env.put("QUARKUS_OIDC_CLIENT_ID", svc + "-service");
        env.put("MINQING_CLOCK_ADJUSTABLE", "true");
        env.put("MINQING_OUTBOX_POLL_INTERVAL", "PT0.2S");
        env.put("MINQING_OUTBOX_MAX_BACKOFF", "PT2S");
        // Issue 15: traces on, exported to the suite's receiver (OTLP/HTTP), without waiting 5 s per batch.
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlp.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
        env.putAll(ServiceEnvironment.extra(svc, this));
        adjust.accept(env);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.log.console.color=false", "-jar", app.toString());
        ManagedProcess p = new ManagedProcess(instanceName, cmd, env, repo, logs.resolve(instanceName + ".log"),
                "http://127.0.0.1:" + port + "/q/health/ready");
        p.envPort = String.valueOf(port);
        return p;
    }

    /** infra/local/demo-secrets/<service>.env: the demo secrets the local platform passes too. */
    Map<String, String> demoSecrets(String svc) {
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(repo.resolve("infra/local/demo-secrets/" + svc + ".env"))) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                    env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    private final Map<String, Path> appCopies = new HashMap<>();

    /**
     * A private copy of the service's packaged build, so that a rebuild of the service while the
     * suite runs cannot change the jars under a running JVM.
     */
    private synchronized Path appCopy(String svc) {
        return appCopies.computeIfAbsent(svc, s -> {
            Path source = repo.resolve(s + "-service/target/quarkus-app");
            if (!Files.exists(source.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(source + " missing: package the services first (./mvnw package)");
            }
            Path target = logs.getParent().resolve("e2e-apps").resolve(s);
            try {
                deleteTree(target);
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path from : walk.toList()) {
                        Path to = target.resolve(source.relativize(from).toString());
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return target;
        });
    }

    private ManagedProcess keycloakProcess(int port, int managementPort) {
        Path home = Path.of(System.getProperty("minqing.keycloak.home",
                repo.resolve("e2e-tests/target/keycloak/keycloak-26.5.6").toString()));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution missing in " + home + " (built by this module's pom)");
        }
        try {
            // A clean import every run: existing realms are skipped by --import-realm.
            deleteTree(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            Files.writeString(home.resolve("data/import/minqing-realm.json"),
                    RealmCopy.admitConsoleOrigin(repo.resolve("infra/keycloak/minqing-realm.json"), consoleOrigin()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<String> cmd = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm", "--cache=local");
        return new ManagedProcess("keycloak", cmd, env, home, logs.resolve("keycloak.log"),
                "http://127.0.0.1:" + managementPort + "/health/ready");
    }

    static int freePort() {
        return org.minqing.testing.FreePorts.next();
    }

    private static Path findRepo() {
        String configured = System.getProperty("minqing.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "infra"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/keycloak"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found");
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
