// Load driver for intake-service: authenticated case submissions at a target rate.
// Run with the JDK's single-file launcher (no build):  java infra/bench/Bench.java --help
// Loopback targets only: this is for measuring the local platform, not for loading anyone's server.

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static final String[] LINES = { "housing", "urban-management", "environment", "social-security", "transport",
            "education", "health", "public-safety", "planning", "other" };
    static final String[] TOPICS = { "楼道照明损坏", "小区停车难", "夜间施工噪声扰民", "高层建筑遮挡日照", "垃圾清运不及时",
            "电梯故障频发", "人行道破损", "油烟扰民", "老旧小区加装电梯", "公交站点设置不合理" };

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        if (a.containsKey("help")) {
            usage();
            return;
        }
        String base = a.getOrDefault("url", "http://127.0.0.1:8081");
        int count = Integer.parseInt(a.getOrDefault("count", "2000"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "200"));
        int connections = Integer.parseInt(a.getOrDefault("connections", "8"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "200"));
        String community = a.getOrDefault("community", "310104001001");
        String pid = a.get("pid");
        requireLoopback(base);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(a, http);

        if (warmup > 0) {
            System.out.printf("warm-up: %d requests ...%n", warmup);
            run(http, base, token, community, warmup, 0, connections);
        }
        RssSampler rss = pid == null ? null : new RssSampler(pid);
        if (rss != null) {
            rss.start();
        }
        System.out.printf("measuring: %d cases, target %s/s, %d connections, %s%n", count,
                rate > 0 ? String.valueOf(rate) : "max", connections, base);
        Result r = run(http, base, token, community, count, rate, connections);
        if (rss != null) {
            rss.stop = true;
            rss.join();
        }
        long[] lat = r.latenciesMicros();
        Arrays.sort(lat);
        System.out.printf("sent %d, ok %d, failed %d %s%n", count, r.ok.get(), count - r.ok.get(), r.statuses);
        System.out.printf("elapsed %.2f s, throughput %.1f cases/s%n", r.elapsedNanos / 1e9, r.ok.get() / (r.elapsedNanos / 1e9));
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(lat, 50), pct(lat, 95), pct(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0);
        if (rss != null) {
            System.out.printf("service RSS (pid %s): max during run %d MB, now %d MB, peak since start (VmHWM) %d MB%n", pid,
                    rss.maxKb / 1024, RssSampler.read(pid, "VmRSS") / 1024, RssSampler.read(pid, "VmHWM") / 1024);
        }
    }

    record Result(AtomicInteger ok, Map<Integer, Integer> statuses, long[][] perWorker, int[] counts, long elapsedNanos) {
        long[] latenciesMicros() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            long[] all = new long[n];
            int k = 0;
            for (int w = 0; w < perWorker.length; w++) {
                System.arraycopy(perWorker[w], 0, all, k, counts[w]);
                k += counts[w];
            }
            return all;
        }
    }

    /**
     * Each worker takes the next request number i and waits until start + i/rate before sending, so
     * the offered load is the target rate however the latency varies (up to the worker count).
     */
    static Result run(HttpClient http, String base, String token, String community, int count, double rate,
            int connections) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long[][] lat = new long[connections][count];
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long periodNanos = rate > 0 ? (long) (1e9 / rate) : 0;
        for (int w = 0; w < connections; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    long i;
                    while ((i = next.getAndIncrement()) < count) {
                        if (periodNanos > 0) {
                            long due = start + i * periodNanos;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/cases"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body(community, (int) i))).build();
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        lat[worker][counts[worker]++] = (System.nanoTime() - t0) / 1000;
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 201) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        return new Result(ok, new TreeMap<>(statuses), lat, counts, System.nanoTime() - start);
    }

    static String body(String community, int i) {
        String phone = "139" + String.format("%08d", i % 100_000_000);
        return """
                {"channel":"HOTLINE","communityCode":"%s","lineCode":"%s","address":"泾水公寓%d号楼",
                 "description":"%s（压测 %d）","households":1,"urgency":"NORMAL",
                 "visitors":[{"name":"测试来访人","phone":"%s"}]}""".formatted(community, LINES[i % LINES.length],
                i % 100, TOPICS[i % TOPICS.length], i, phone);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
    }

    /** --token, else $MINQING_TOKEN, else a password grant for --user/--password at the local Keycloak. */
    static String token(Map<String, String> a, HttpClient http) throws Exception {
        if (a.containsKey("token")) {
            return a.get("token");
        }
        String env = System.getenv("MINQING_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (!a.containsKey("user")) {
            throw new IllegalArgumentException("give --token, MINQING_TOKEN, or --user and --password (see --help)");
        }
        String tokenUrl = a.getOrDefault("token-url", "http://127.0.0.1:8180/realms/minqing/protocol/openid-connect/token");
        requireLoopback(tokenUrl);
        String form = "grant_type=password&client_id=" + enc(a.getOrDefault("client-id", "e2e-tests"))
                + "&client_secret=" + enc(a.getOrDefault("client-secret", "e2e-tests-secret"))
                + "&username=" + enc(a.get("user")) + "&password=" + enc(a.getOrDefault("password", "demo"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("token request failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static void requireLoopback(String url) throws Exception {
        String host = URI.create(url).getHost();
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback targets are allowed, not " + url);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            int eq = k.indexOf('=');
            if (eq > 0) {
                m.put(k.substring(0, eq), k.substring(eq + 1));
            } else if (k.equals("help")) {
                m.put(k, "");
            } else {
                m.put(k, args[++i]);
            }
        }
        return m;
    }

    static void usage() {
        System.out.println("""
                java infra/bench/Bench.java [options]
                  --url URL            intake-service base URL (loopback only)   default http://127.0.0.1:8081
                  --token JWT          bearer token (or env MINQING_TOKEN, or --user)
                  --user NAME          password grant at the local Keycloak, e.g. c11.staff
                  --password PW        default demo
                  --token-url URL      default http://127.0.0.1:8180/realms/minqing/protocol/openid-connect/token
                  --client-id ID       default e2e-tests (secret --client-secret, default e2e-tests-secret)
                  --count N            cases to submit in the measured run   default 2000
                  --rate R             target cases per second, 0 = as fast as possible   default 200
                  --connections C      concurrent connections (worker threads)   default 8
                  --warmup N           unmeasured requests first   default 200
                  --community CODE     community of the cases (must be within the token's scope)   default 310104001001
                  --pid PID            the service's process id: report its RSS from /proc/PID/status
                """);
    }

    /** Samples VmRSS every 100 ms while the measured run lasts. */
    static final class RssSampler extends Thread {
        final String pid;
        volatile boolean stop;
        volatile long maxKb;

        RssSampler(String pid) {
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                maxKb = Math.max(maxKb, read(pid, "VmRSS"));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        static long read(String pid, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("\\D+", ""));
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }
    }
}
