package org.minqing.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.minqing.testing.FreePorts;
import org.minqing.testing.NativePostgres;

/**
 * Issue 15: one image started the way Kubernetes runs it (uid 185, read-only root filesystem, an
 * empty writable /tmp), without a container engine: podman and runc refuse to start containers on
 * these machines ("setrlimit … Operation not permitted"), so the image's layers are unpacked and run
 * in a mount namespace of their own with the root bind-mounted read-only and chroot
 * (run-readonly.sh). What that leaves out compared with a runtime: no PID, network, IPC or cgroup
 * namespace, no seccomp profile, no dropped bounding set beyond what the change to uid 185 drops.
 *
 * <p>referral-service: the fewest dependencies at start. A real PostgreSQL (Flyway migrates), Kafka
 * and Keycloak on closed loopback ports: the service must stay alive without them (readiness for
 * Kafka is off, ADR 0015), which is also what a pod meets during a broker outage.
 */
class ReadOnlyRunTest {

    static final String SERVICE = "referral-service";

    @Test
    void theReferralImageStartsAsUid185OnAReadOnlyRootAndAnswersItsLivenessProbe() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root for mount namespaces and chroot; the image itself is checked by ImageContentsTest");
        ImageTar image = ImageTar.of(SERVICE);
        Path work = ImageTar.dir().resolve("run");
        Path rootfs = work.resolve(SERVICE + "-rootfs");
        deleteTree(work);
        Files.createDirectories(work);
        image.unpack(rootfs);

        NativePostgres pg = NativePostgres.shared();
        String jdbc = pg.database("referral_image");
        int port = FreePorts.next();
        int closed = FreePorts.next(); // nobody listens here: Kafka and Keycloak are "down"

        Map<String, String> env = new HashMap<>(image.env());
        env.putAll(demoSecrets("referral"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        env.put("QUARKUS_DATASOURCE_USERNAME", pg.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + closed + "/realms/minqing");
        // As the Deployment sets it, on loopback, and with the small-machine heap of ADR 0005 (2 cores here).
        env.put("JAVA_OPTS_APPEND", "-Dquarkus.http.host=127.0.0.1 -Xmx192m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount",
                Path.of(System.getProperty("minqing.repo.root"), "infra/images/run-readonly.sh").toString(),
                rootfs.toString(), image.containerConfig().get("User").asText(),
                image.containerConfig().get("WorkingDir").asText()));
        command.addAll(image.entrypoint());
        command.addAll(image.cmd());
        Path log = work.resolve(SERVICE + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        try {
            String live = awaitLive(process, port, log, Duration.ofMinutes(3));
            assertThat(live).contains("\"status\": \"UP\"");

            // The pid is java's: unshare, the script, chroot and sh all exec'd into it.
            String status = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status"));
            assertThat(status).containsPattern("(?m)^Uid:\\s+185\\s+185\\s+185\\s+185$")
                    .containsPattern("(?m)^Gid:\\s+185\\s+185\\s+185\\s+185$")
                    .containsPattern("(?m)^CapEff:\\s+0+$");
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
            assertThat(cmdline).startsWith(ImageBuilder.JAVA + " ").contains("-jar /deployments/quarkus-run.jar");

            // The process's own view of the files: its root is read-only, its /tmp is not.
            Path itsRoot = Path.of("/proc", String.valueOf(process.pid()), "root");
            assertThatThrownBy(() -> Files.writeString(itsRoot.resolve("deployments/written-at-run-time"), "x"))
                    .isInstanceOf(IOException.class).hasMessageContaining("Read-only file system");
            assertThatThrownBy(() -> Files.writeString(itsRoot.resolve("etc/written-at-run-time"), "x"))
                    .isInstanceOf(IOException.class).hasMessageContaining("Read-only file system");
            String mounts = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "mounts"));
            // Seen from inside, the image's root is "/" and mounted read-only.
            assertThat(mounts).containsPattern("(?m)^\\S+ / \\S+ ro[,\\s]");
            // The JVM did write where it may: its perf data under the tmpfs /tmp.
            assertThat(itsRoot.resolve("tmp/hsperfdata_minqing")).isDirectory();

            String output = Files.readString(log);
            assertThat(output).contains("run-readonly: probe as 185:185, write to /deployments refused:")
                    .contains("Read-only file system")
                    .contains("run-readonly: probe as 185:185, write to /tmp allowed")
                    .contains("Flyway").contains("referral-service");
            assertThat(Files.exists(rootfs.resolve("deployments/written-at-run-time"))).isFalse();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        // SIGTERM reached java (sh exec'd it), which shut down cleanly.
        assertThat(Files.readString(log)).contains("stopped in");
        // The unpacked image (about 300 MB); the log stays in target/run.
        deleteTree(rootfs);
    }

    private static String awaitLive(Process process, int port, Path log, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + process.exitValue() + "):\n" + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException notListeningYet) {
                // the HTTP server opens after Flyway
            }
            // Waiting for a process to open its port, not for a result to turn green.
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no UP from /q/health/live within " + timeout + ":\n" + tail(log));
    }

    private static Map<String, String> demoSecrets(String service) throws IOException {
        Map<String, String> env = new HashMap<>();
        Path file = Path.of(System.getProperty("minqing.repo.root"), "infra/local/demo-secrets", service + ".env");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return env;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
