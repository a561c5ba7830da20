package org.minqing.e2e;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a service's {@code /q/metrics} (Prometheus text format) as Prometheus would: no token,
 * straight to the service's port. Issue 15.
 */
final class Metrics {

    /**
     * name{labels} value: label values are quoted and may hold braces (uri="/referrals/{id}/route");
     * what follows the value (a timestamp, or an OpenMetrics exemplar "# {trace_id=...}") is ignored.
     */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Metrics() {
    }

    static String scrape(String service) {
        return given().get(Api.url(service, "/q/metrics")).then().statusCode(200).extract().asString();
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels} (pairs
     * "k", "v", ...); null when no such sample exists at all.
     */
    static Double value(String text, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        Double sum = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> have = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    have.put(l.group(1), l.group(2));
                }
            }
            if (have.entrySet().containsAll(wanted.entrySet())) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    /** As {@link #value} on a fresh scrape, 0 when the series does not exist (yet). */
    static double now(String service, String name, String... labels) {
        Double v = value(scrape(service), name, labels);
        return v == null ? 0 : v;
    }
}
