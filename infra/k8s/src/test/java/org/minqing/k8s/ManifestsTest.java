package org.minqing.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Issue 15: every overlay under infra/k8s/overlays is rendered with kustomize (kubectl's built-in
 * kustomize, or a kustomize binary) and each object is checked against the Kubernetes API model
 * and Minqing's rules ({@link ManifestChecks}); the two consistency scripts run too. Offline: no
 * cluster, no download.
 */
class ManifestsTest {

    private static final Path ROOT = repoRoot();
    private static final Path K8S = ROOT.resolve("infra/k8s");

    @Test
    void everyOverlayRendersAndEveryObjectPassesTheChecks() throws Exception {
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            overlays = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertTrue(overlays.size() >= 2, "overlays found: " + overlays);
        List<String> problems = new ArrayList<>();
        for (Path overlay : overlays) {
            List<JsonNode> objects = render(overlay);
            assertTrue(objects.stream().anyMatch(o -> o.path("kind").asText().equals("Deployment")),
                    overlay + " renders no Deployment");
            for (JsonNode o : objects) {
                for (String p : ManifestChecks.check(o)) {
                    problems.add(K8S.relativize(overlay) + ": " + p);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theChecksFindAnUnknownFieldAMissingProbeLimitOrSecurityContext() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode good = render(K8S.resolve("overlays/district")).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        assertEquals(List.of(), ManifestChecks.check(good));

        assertHas(checkContainerChanged(good, c -> c.put("imagePullPolicyy", "Always")),
                "unknown field(s) [imagePullPolicyy]");
        assertHas(checkContainerChanged(good, c -> c.remove("readinessProbe")), "no readinessProbe");
        assertHas(checkContainerChanged(good, c -> ((ObjectNode) c.path("resources").path("limits")).remove("memory")),
                "no memory limit");
        assertHas(checkContainerChanged(good, c -> c.remove("securityContext")), "no securityContext");

        JsonNode wrongType = good.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
        assertHas(ManifestChecks.check(wrongType), "does not match the Kubernetes schema");

        JsonNode unknownKind = yaml.readTree("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n");
        assertHas(ManifestChecks.check(unknownKind), "unknown kind");
    }

    @Test
    void theTopicListsAgree() throws Exception {
        run(List.of("sh", K8S.resolve("check-topics.sh").toString()));
    }

    /** Issue 14: plain groups in the services, none overridden by an overlay, every piece names its id and scope. */
    @Test
    void consumerGroupsFollowThePieceId() throws Exception {
        run(List.of("sh", K8S.resolve("check-consumer-groups.sh").toString()));
    }

    /** What the checks find on a copy of the Deployment whose first container {@code change} altered. */
    private static List<String> checkContainerChanged(JsonNode deployment, Consumer<ObjectNode> change) {
        JsonNode copy = deployment.deepCopy();
        change.accept((ObjectNode) copy.path("spec").path("template").path("spec").path("containers").get(0));
        return ManifestChecks.check(copy);
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    /** kubectl kustomize (kubectl ≥ 1.14 has kustomize built in), else a kustomize binary. */
    static List<JsonNode> render(Path overlay) throws IOException {
        String out;
        try {
            out = run(List.of("kubectl", "kustomize", overlay.toString()));
        } catch (IOException noKubectl) {
            out = run(List.of("kustomize", "build", overlay.toString()));
        }
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(out)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        assertFalse(objects.isEmpty(), overlay + " rendered nothing");
        return objects;
    }

    /** Runs a command in the repository root; its stdout, or a failure with its output. */
    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(false).start();
        String out;
        String err;
        try {
            java.util.concurrent.CompletableFuture<String> stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in 120 s");
            }
            err = stderr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            fail(command + " failed (exit " + p.exitValue() + "):\n" + out + err);
        }
        return out;
    }

    private static Path repoRoot() {
        String configured = System.getProperty("minqing.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "infra/k8s"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/k8s/overlays"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/k8s above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
