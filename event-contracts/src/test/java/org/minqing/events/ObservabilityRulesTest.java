package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Issue 15: the Prometheus alert rules and the Grafana dashboard in infra/observability are checked
 * without Prometheus (no promtool from the registries): every alert has expr, for, a severity, a
 * summary and a runbook entry that exists in docs/operations.md; every metric the rules and the
 * panels name is in metrics.txt; and metrics.txt matches the meter names the code registers (a
 * scan of the constants in the services' metrics classes), both ways.
 */
class ObservabilityRulesTest {

    private static final Path ROOT = repoRoot();
    private static final Path DIR = ROOT.resolve("infra/observability");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern METER_CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"(minqing\\.[a-z0-9.]+)\"");

    record Listed(String prometheusName, String kind, String source) {
    }

    @Test
    void everyAlertIsCompleteAndLinksAnExistingRunbookEntry() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("alerts.yaml").toFile());
        Set<String> anchors = markdownAnchors(Files.readString(ROOT.resolve("docs/operations.md")));
        Set<String> names = new HashSet<>();
        int alerts = 0;
        for (JsonNode group : rules.path("groups")) {
            assertTrue(group.hasNonNull("name"), "every group has a name");
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText("");
                assertFalse(alert.isBlank(), "a rule in " + group.path("name") + " without alert name");
                assertTrue(names.add(alert), "duplicate alert " + alert);
                alerts++;
                assertFalse(rule.path("expr").asText("").isBlank(), alert + ": expr");
                assertTrue(rule.path("for").asText("").matches("\\d+[smhd]"), alert + ": for (e.g. 5m)");
                assertTrue(Set.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText()),
                        alert + ": labels.severity critical|warning|info");
                assertFalse(rule.path("annotations").path("summary").asText("").isBlank(), alert + ": annotations.summary");
                String runbook = rule.path("annotations").path("runbook_url").asText("");
                Matcher m = Pattern.compile("operations\\.md#([a-z0-9-]+)$").matcher(runbook);
                assertTrue(m.find(), alert + ": runbook_url must point at operations.md#<entry>, was " + runbook);
                assertEquals(alert.toLowerCase(Locale.ROOT), m.group(1), alert + ": runbook anchor is the alert's name");
                assertTrue(anchors.contains(m.group(1)), alert + ": docs/operations.md has no heading '" + alert + "'");
                assertKnown(alert, metricsIn(rule.path("expr").asText()));
            }
        }
        // The five the issue names, at least.
        for (String required : List.of("MinqingOutboxStuck", "MinqingDeadLetters", "MinqingOverdueSpike",
                "MinqingNoticesFailing", "MinqingConsumerLag")) {
            assertTrue(names.contains(required), "missing alert " + required);
        }
        assertTrue(alerts >= 5);
    }

    @Test
    void everyPanelQueriesKnownMetricsAndEveryBusinessMeterIsShown() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        assertFalse(dashboard.path("title").asText("").isBlank(), "dashboard title");
        assertTrue(dashboard.path("panels").size() > 0, "dashboard has panels");
        Set<String> shown = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText("");
            assertFalse(title.isBlank(), "every panel has a title");
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + title);
            assertTrue(panel.path("targets").size() > 0, title + ": no query");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                assertFalse(expr.isBlank(), title + ": empty expr");
                Set<String> used = metricsIn(expr);
                assertFalse(used.isEmpty(), title + ": expr names no metric: " + expr);
                assertKnown(title, used);
                shown.addAll(used);
            }
        }
        for (Listed l : listed().values()) {
            if (!l.kind().equals("external")) {
                assertTrue(shown.contains(l.prometheusName()), "no panel shows " + l.prometheusName());
            }
        }
    }

    @Test
    void theListMatchesTheMeterNamesTheCodeRegisters() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> p.getParent().getFileName().toString().equals("metrics")).toList()) {
                Matcher m = METER_CONSTANT.matcher(Files.readString(f));
                while (m.find()) {
                    inCode.add(m.group(1));
                }
            }
        }
        assertFalse(inCode.isEmpty(), "no meter constants found under */src/main/java/**/metrics/");
        Set<String> inList = new TreeSet<>();
        for (Listed l : listed().values()) {
            switch (l.kind()) {
                case "counter", "gauge" -> {
                    inList.add(l.source());
                    assertTrue(inCode.contains(l.source()), l.source() + " is listed but no metrics class registers it");
                    String expected = l.source().replace('.', '_') + (l.kind().equals("counter") ? "_total" : "");
                    assertEquals(expected, l.prometheusName(), "Prometheus name of " + l.source());
                }
                case "external" -> {
                    // Provided by Quarkus' binders or Prometheus: nothing in our code to check.
                }
                default -> fail("unknown kind " + l.kind() + " of " + l.prometheusName());
            }
        }
        assertEquals(inCode, inList, "every meter the code names is in infra/observability/metrics.txt");
    }

    private static void assertKnown(String where, Set<String> used) throws IOException {
        Set<String> known = listed().keySet();
        for (String metric : used) {
            assertTrue(known.contains(metric), where + " uses " + metric + ", which is not in metrics.txt");
        }
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
    static Set<String> metricsIn(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^\\]]*]", " "); // range selectors
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> out = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!function && !partOfNumber && !PROMQL_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                out.add(word);
            }
        }
        return out;
    }

    @Test
    void theExpressionScannerFindsMetricsOnly() {
        assertEquals(Set.of("a_total", "b_seconds"), metricsIn(
                "sum by (job, channel) (rate(a_total{channel=\"SMS\",x=~\"a|b\"}[5m])) / on(job) max(b_seconds) > 1e3 and 0.5"));
    }

    private static Map<String, Listed> listed() throws IOException {
        Map<String, Listed> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("metrics.txt"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+", 3);
            assertTrue(parts.length == 3, "metrics.txt: name kind source, was: " + line);
            assertTrue(out.put(parts[0], new Listed(parts[0], parts[1], parts[2])) == null, "listed twice: " + parts[0]);
        }
        return out;
    }

    /** GitHub-style heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> markdownAnchors(String markdown) {
        Set<String> out = new HashSet<>();
        List<String> lines = new ArrayList<>(markdown.lines().toList());
        for (String line : lines) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                out.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    private static Path repoRoot() {
        String configured = System.getProperty("minqing.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "infra"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/observability"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/observability above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
