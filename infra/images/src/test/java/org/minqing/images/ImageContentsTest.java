package org.minqing.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: what each image holds, read from its tar without an engine: the user, the entrypoint,
 * the files and their owners and modes, and that the Kubernetes manifests run exactly these images.
 */
class ImageContentsTest {

    static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";

    static Stream<String> services() {
        return ImageBuilder.parseServices(System.getProperty("minqing.image.services")).keySet().stream();
    }

    static int port(String service) {
        return ImageBuilder.parseServices(System.getProperty("minqing.image.services")).get(service);
    }

    @ParameterizedTest
    @MethodSource("services")
    void theConfigRunsTheFastJarAsANumericNonRootUserFromDeployments(String service) throws IOException {
        ImageTar image = ImageTar.of(service);
        assertThat(image.repoTag()).isEqualTo(System.getProperty("minqing.image.registry") + "/" + service + ":"
                + System.getProperty("minqing.image.tag"));
        assertThat(image.config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(image.config.get("os").asText()).isEqualTo("linux");

        // Numeric, so that runAsNonRoot can verify it without an /etc/passwd lookup.
        String user = image.containerConfig().get("User").asText();
        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*").isEqualTo("185:185");
        assertThat(image.containerConfig().get("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(image.entrypoint()).containsExactly("/bin/sh", "-c",
                "exec " + JAVA_HOME + "/bin/java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar \"$@\"", "java");
        assertThat(image.cmd()).isEmpty();
        assertThat(image.containerConfig().get("ExposedPorts").fieldNames()).toIterable().containsExactly(port(service) + "/tcp");

        Map<String, String> env = image.env();
        assertThat(env).containsEntry("JAVA_HOME", JAVA_HOME).containsEntry("LANG", "C.UTF-8")
                .containsEntry("TZ", "Asia/Shanghai").containsEntry("JAVA_OPTS_APPEND", "-Dquarkus.http.host=0.0.0.0");
        assertThat(env.get("JAVA_OPTS")).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=/tmp", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager")
                // ADR 0005: pods keep the default compiler.
                .doesNotContain("TieredStopAtLevel");
        // The base layer first, then libraries, Quarkus' generated classes, the application.
        assertThat(image.layers).hasSize(4);
    }

    @ParameterizedTest
    @MethodSource("services")
    void theFilesBelongToRootNoneIsSetuidAndOnlyTmpIsWritable(String service) throws IOException {
        Map<String, ImageTar.Entry> files = ImageTar.of(service).files();

        assertThat(files.keySet()).noneMatch(p -> p.contains("/.wh."));
        assertThat(files.values()).as("setuid or setgid files").noneMatch(e -> !e.symlink() && (e.mode() & 06000) != 0);
        assertThat(files.values()).as("files not owned by root:root").allMatch(e -> e.uid() == 0 && e.gid() == 0);
        assertThat(files.values()).as("world-writable, except /tmp")
                .filteredOn(e -> !e.symlink() && (e.mode() & 0002) != 0).extracting(ImageTar.Entry::path)
                .containsExactly("/tmp");
        assertThat(files.get("/tmp").mode() & 01000).as("/tmp sticky").isNotZero();

        ImageTar.Entry java = files.get(JAVA_HOME + "/bin/java");
        assertThat(java).isNotNull();
        assertThat(java.mode() & 0111).as("java executable").isEqualTo(0111);
        assertThat(files).containsKeys(JAVA_HOME + "/lib/server/libjvm.so", JAVA_HOME + "/lib/modules",
                "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/etc/ssl/certs/java/cacerts", "/etc/ssl/certs/ca-certificates.crt", "/usr/share/zoneinfo/Asia/Shanghai",
                "/var/lib/dpkg/status", "/usr/share/minqing/base-packages.txt");
        assertThat(files.get("/bin/sh").linkName()).isEqualTo("dash");
        assertThat(files.get(JAVA_HOME + "/lib/security/cacerts").linkName()).isEqualTo("/etc/ssl/certs/java/cacerts");
        assertThat(files.get("/etc/ssl/certs/java/cacerts").size()).isGreaterThan(100_000);

        // Every symbolic link resolves inside the image (Debian's maintainer scripts did not run).
        for (ImageTar.Entry e : files.values()) {
            if (e.symlink()) {
                assertThat(resolves(files, e)).as(e.path() + " -> " + e.linkName()).isTrue();
            }
        }

        // The application: root's, read-only for uid 185.
        assertThat(files.get("/deployments").mode() & 0777).isEqualTo(0755);
        ImageTar.Entry runJar = files.get("/deployments/quarkus-run.jar");
        assertThat(runJar).isNotNull();
        assertThat(runJar.mode() & 0777).isEqualTo(0644);
        assertThat(files.keySet()).anyMatch(p -> p.startsWith("/deployments/lib/main/") && p.endsWith(".jar"))
                .anyMatch(p -> p.startsWith("/deployments/lib/boot/") && p.endsWith(".jar"))
                .anyMatch(p -> p.startsWith("/deployments/app/") && p.endsWith(".jar"))
                .contains("/deployments/quarkus/quarkus-application.dat");
        assertThat(files.values()).filteredOn(e -> e.path().startsWith("/deployments/"))
                .allMatch(e -> (e.mode() & 0022) == 0);
    }

    @ParameterizedTest
    @MethodSource("services")
    void theKubernetesDeploymentRunsThisImageAsTheSameUserWithAReadOnlyRootAndATmpVolume(String service) throws IOException {
        Path deployment = Path.of(System.getProperty("minqing.repo.root"), "infra/k8s/base", service, "deployment.yaml");
        String yaml = Files.readString(deployment);
        Matcher image = Pattern.compile("(?m)^\\s+image:\\s*(\\S+)\\s*$").matcher(yaml);
        assertThat(image.find()).as("image: in " + deployment).isTrue();
        assertThat(image.group(1)).isEqualTo(ImageTar.of(service).repoTag());
        assertThat(yaml).contains("runAsUser: 185", "runAsGroup: 185", "runAsNonRoot: true",
                "readOnlyRootFilesystem: true", "mountPath: /tmp", "emptyDir:");
        // The manifests pass their JVM settings in the variable the entrypoint expands.
        assertThat(yaml).contains("name: JAVA_OPTS_APPEND");
    }

    private static boolean resolves(Map<String, ImageTar.Entry> files, ImageTar.Entry link) {
        String target = link.linkName();
        Path p = target.startsWith("/") ? Path.of(target) : Path.of(link.path()).getParent().resolve(target);
        for (int hops = 0; hops < 16; hops++) {
            String key = p.normalize().toString();
            ImageTar.Entry e = files.get(key);
            if (e == null) {
                return resolvesThroughLinkedDirectory(files, key);
            }
            if (!e.symlink()) {
                return true;
            }
            p = e.linkName().startsWith("/") ? Path.of(e.linkName()) : Path.of(key).getParent().resolve(e.linkName());
        }
        return false;
    }

    /** A path under a directory that is itself a link (none in Debian 12's unmerged packages, but allowed). */
    private static boolean resolvesThroughLinkedDirectory(Map<String, ImageTar.Entry> files, String path) {
        List<String> parts = List.of(path.substring(1).split("/"));
        for (int i = parts.size() - 1; i > 0; i--) {
            String prefix = "/" + String.join("/", parts.subList(0, i));
            ImageTar.Entry e = files.get(prefix);
            if (e != null && e.symlink()) {
                String rest = String.join("/", parts.subList(i, parts.size()));
                Path target = e.linkName().startsWith("/") ? Path.of(e.linkName()) : Path.of(prefix).getParent().resolve(e.linkName());
                return files.containsKey(target.resolve(rest).normalize().toString());
            }
        }
        return false;
    }
}
