// The case list of one community (GET /cases?community=..&limit=50, keyset pages through nextCursor),
// as the console asks for it: the first page, then the next ones, sequentially. Prints p50/p95/p99
// over all pages. Compiled with Bench.java (infra/bench/run):
//   java -cp DIR ListBench --url URL --token-url URL --user c11.staff --rounds 40 --depth 5

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ListBench {

    static final Pattern CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.parse(args);
        String base = a.getOrDefault("url", "http://127.0.0.1:8081");
        Bench.requireLoopback(base);
        String community = a.getOrDefault("community", "310104001001");
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "40"));
        int depth = Integer.parseInt(a.getOrDefault("depth", "5"));
        String label = a.getOrDefault("label", "list");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = Bench.token(a, http);
        List<Long> micros = new ArrayList<>();
        int failed = 0;
        for (int r = -3; r < rounds; r++) {   // three unmeasured rounds first
            String cursor = null;
            for (int p = 0; p < depth; p++) {
                String url = base + "/cases?community=" + community + "&limit=50"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                long t0 = System.nanoTime();
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                long t = (System.nanoTime() - t0) / 1000;
                if (resp.statusCode() != 200) {
                    failed++;
                    System.err.println("HTTP " + resp.statusCode() + " " + resp.body());
                    break;
                }
                if (r >= 0) {
                    micros.add(t);
                }
                Matcher m = CURSOR.matcher(resp.body());
                if (!m.find()) {
                    break;
                }
                cursor = m.group(1);
            }
        }
        long[] s = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%d pages (%d failed): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", s.length, failed,
                Bench.pct(s, 50), Bench.pct(s, 95), Bench.pct(s, 99));
        System.out.printf("RESULT %s.pages %d%nRESULT %s.p50_ms %.1f%nRESULT %s.p95_ms %.1f%nRESULT %s.p99_ms %.1f%n",
                label, s.length, label, Bench.pct(s, 50), label, Bench.pct(s, 95), label, Bench.pct(s, 99));
    }
}
