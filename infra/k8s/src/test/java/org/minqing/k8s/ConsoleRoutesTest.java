package org.minqing.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every resource root the console calls (its {@code api/} clients: {@code request('intake', '/communities', …)})
 * is forwarded by the console's Ingress (one origin, ADR 0006) and by the service's own staff Ingress:
 * a screen whose calls end at the console's 404 on Kubernetes, while the local platform's proxy
 * forwards everything, is found here and not by an operator.
 */
class ConsoleRoutesTest {

    static final Path ROOT = Path.of(System.getProperty("minqing.repo.root", "../..")).toAbsolutePath().normalize();
    static final Pattern CALL = Pattern.compile("\\(\\s*'(intake|referral|representative|notification)',\\s*[`']/([a-z0-9-]+)");
    /** Served on their own hosts and Ingresses (the resident's public page, Open311 partners), not the staff API. */
    static final Set<String> OWN_INGRESS = Set.of("intake:public", "intake:open311");

    @Test
    void everyRootTheConsoleCallsIsRoutedByTheConsoleIngressAndTheStaffIngress() throws IOException {
        Map<String, Set<String>> called = calledRoots();
        assertFalse(called.getOrDefault("referral", Set.of()).isEmpty(), "no console calls found: " + called);
        List<String> missing = new ArrayList<>();
        for (var e : called.entrySet()) {
            String service = e.getKey();
            Pattern console = consolePattern(service);
            Set<String> staff = staffPrefixes(service);
            for (String root : e.getValue()) {
                if (OWN_INGRESS.contains(service + ":" + root)) {
                    continue;
                }
                if (!console.matcher("/api/" + service + "/" + root).matches()) {
                    missing.add("console Ingress console-api-" + service + " does not forward /api/" + service + "/" + root);
                }
                if (!staff.contains("/" + root)) {
                    missing.add(service + "-staff Ingress has no path /" + root);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    static Map<String, Set<String>> calledRoots() throws IOException {
        Map<String, Set<String>> roots = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("console/src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ts") || p.toString().endsWith(".vue"))
                    .filter(p -> !p.toString().contains(".test.") && !p.toString().contains("/test/")).toList()) {
                Matcher m = CALL.matcher(Files.readString(f));
                while (m.find()) {
                    roots.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                }
            }
        }
        return roots;
    }

    static Pattern consolePattern(String service) throws IOException {
        for (JsonNode doc : docs(ROOT.resolve("infra/k8s/base/console/ingress.yaml"))) {
            if (doc.path("metadata").path("name").asText().equals("console-api-" + service)) {
                return Pattern.compile(doc.at("/spec/rules/0/http/paths/0/path").asText());
            }
        }
        throw new AssertionError("no Ingress console-api-" + service);
    }

    static Set<String> staffPrefixes(String service) throws IOException {
        Set<String> prefixes = new TreeSet<>();
        for (JsonNode doc : docs(ROOT.resolve("infra/k8s/base/" + service + "-service/ingress.yaml"))) {
            if (doc.path("metadata").path("name").asText().equals(service + "-staff")) {
                doc.at("/spec/rules/0/http/paths").forEach(p -> prefixes.add(p.path("path").asText()));
            }
        }
        return prefixes;
    }

    static List<JsonNode> docs(Path yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }
}
