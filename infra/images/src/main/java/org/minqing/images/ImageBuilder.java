package org.minqing.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds each service's image (镜像) as a docker-archive tar with jib-core, without a Docker engine
 * or a registry: the base is the tar that build-base.sh made from Debian's packages; on top, the
 * service's Quarkus fast-jar ({@code target/quarkus-app}) in three layers ordered by how often they
 * change (libraries, Quarkus' generated classes, the application). Every file belongs to root and
 * is read-only for the process, which runs as uid/gid 185 with {@code /tmp} the only place it writes.
 *
 * <p>{@code ImageBuilder BASE_TAR REPO_ROOT OUT_DIR REGISTRY TAG svc=port,...} writes
 * {@code OUT_DIR/<svc>.tar} named {@code REGISTRY/<svc>:TAG}. ADR: docs/adr/*-container-images.md.
 */
public final class ImageBuilder {

    /** Debian's path of the runtime in the base (openjdk-17-jre-headless). */
    public static final String JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
    public static final String APP_DIR = "/deployments";
    public static final String USER = "185:185";

    /**
     * A shell only to expand JAVA_OPTS and JAVA_OPTS_APPEND, the variables the Kubernetes manifests
     * set (as the Red Hat image's run-java.sh read them); {@code exec} leaves java as the process that
     * receives SIGTERM.
     */
    public static final List<String> ENTRYPOINT = List.of("/bin/sh", "-c",
            "exec " + JAVA + " $JAVA_OPTS $JAVA_OPTS_APPEND -jar " + APP_DIR + "/quarkus-run.jar \"$@\"", "java");

    /**
     * Defaults; a Deployment replaces either variable. Pods keep the JVM's default compiler (ADR 0005);
     * the heap follows the container's memory limit.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "JAVA_OPTS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
                    + " -Dfile.encoding=UTF-8 -Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "JAVA_OPTS_APPEND", "-Dquarkus.http.host=0.0.0.0",
            "LANGUAGE", "en_US:en");

    private static final FilePermissions FILE = FilePermissions.fromOctalString("644");
    private static final FilePermissions DIRECTORY = FilePermissions.fromOctalString("755");

    private ImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: ImageBuilder BASE_TAR REPO_ROOT OUT_DIR REGISTRY TAG svc=port,...");
        }
        Path base = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        Path out = Path.of(args[2]);
        String registry = args[3];
        String tag = args[4];
        Map<String, Integer> services = parseServices(args[5]);
        for (var s : services.entrySet()) {
            long started = System.nanoTime();
            Path tar = out.resolve(s.getKey() + ".tar");
            JibContainer image = build(base, repo.resolve(s.getKey()).resolve("target/quarkus-app"), s.getKey(),
                    s.getValue(), registry + "/" + s.getKey() + ":" + tag, tar, out.resolve("jib-cache"));
            System.out.printf("ImageBuilder: %s -> %s (%s, %d MB) in %d ms%n", image.getTargetImage(), tar,
                    image.getImageId(), Files.size(tar) >> 20, (System.nanoTime() - started) / 1_000_000);
        }
    }

    static Map<String, Integer> parseServices(String spec) {
        Map<String, Integer> services = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            String[] kv = item.trim().split("=");
            services.put(kv[0], Integer.valueOf(kv[1]));
        }
        return services;
    }

    static JibContainer build(Path baseTar, Path quarkusApp, String service, int port, String name, Path tar, Path cache)
            throws Exception {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + "/quarkus-run.jar is missing: package " + service + " first"
                    + " (./mvnw -pl infra/images -am package builds it)");
        }
        JibContainerBuilder builder = Jib.from(TarImage.at(baseTar))
                .setFormat(ImageFormat.Docker)
                .addFileEntriesLayer(layer("libraries", quarkusApp, "lib"))
                .addFileEntriesLayer(layer("quarkus", quarkusApp, "quarkus"))
                .addFileEntriesLayer(layer("application", quarkusApp, "app", "quarkus-run.jar", "quarkus-app-dependencies.txt"))
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR))
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(List.of())
                .addExposedPort(Port.tcp(port))
                .addLabel("org.opencontainers.image.title", service)
                .addLabel("org.opencontainers.image.vendor", "Minqing 民情")
                .addLabel("org.opencontainers.image.description",
                        "Minqing " + service + "; runs as uid 185, read-only root filesystem, writes only /tmp")
                .setCreationTime(Instant.EPOCH);
        ENVIRONMENT.forEach(builder::addEnvironmentVariable);
        Files.deleteIfExists(tar);
        Containerizer to = Containerizer.to(TarImage.at(tar).named(name))
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .setOfflineMode(true)
                .setToolName("minqing-images")
                .addEventHandler(LogEvent.class, e -> {
                    if (e.getLevel() == LogEvent.Level.ERROR || e.getLevel() == LogEvent.Level.WARN) {
                        System.err.println("jib: " + e.getMessage());
                    }
                });
        return builder.containerize(to);
    }

    /** The named entries of the fast-jar, recursively, under /deployments, owned by root. */
    private static FileEntriesLayer layer(String name, Path quarkusApp, String... entries) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String entry : entries) {
            Path source = quarkusApp.resolve(entry);
            if (!Files.exists(source)) {
                throw new IllegalStateException(source + " is missing from the fast-jar layout");
            }
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(source)) {
                walk.sorted().forEach(paths::add);
            }
            for (Path p : paths) {
                AbsoluteUnixPath target = AbsoluteUnixPath.get(APP_DIR).resolve(quarkusApp.relativize(p).toString());
                layer.addEntry(p, target, Files.isDirectory(p) ? DIRECTORY : FILE, FileEntriesLayer.DEFAULT_MODIFICATION_TIME, "");
            }
        }
        return layer.build();
    }
}
