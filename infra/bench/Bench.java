// Load driver for intake-service: authenticated case submissions at a target rate.
// Run with the JDK's single-file launcher (no build):  java infra/bench/Bench.java --help
// Loopback targets only: this is for measuring the local platform, not for loading anyone's server.

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
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
            run(base, token, community, warmup, 0, connections);
        }
        RssSampler rss = pid == null ? null : new RssSampler(pid);
        if (rss != null) {
            rss.start();
        }
        System.out.printf("measuring: %d cases, target %s/s, %d connections, %s%n", count,
                rate > 0 ? String.valueOf(rate) : "max", connections, base);
        long cpu0 = cpuNanos();
        long serviceTicks0 = pid == null ? -1 : serviceTicks(pid);
        Result r = run(base, token, community, count, rate, connections);
        long cpu = cpuNanos() - cpu0;
        long serviceTicks = pid == null ? -1 : serviceTicks(pid) - serviceTicks0;
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
        System.out.printf("driver CPU: %.2f ms per request%n", cpu / 1e6 / count);
        if (rss != null) {
            System.out.printf("service CPU (pid %s): %.2f ms per request, %.0f%% of one core%n", pid,
                    serviceTicks * 10.0 / count, serviceTicks * 1e9 / r.elapsedNanos);
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
     * the offered load is the target rate however the latency varies (up to the worker count). Each
     * worker owns one keep-alive connection and speaks plain HTTP/1.1 over it: the JDK's HttpClient
     * costs as much CPU per request as the service itself, and on a 2-core machine the driver's CPU
     * is taken from the service being measured.
     */
    static Result run(String base, String token, String community, int count, double rate,
            int connections) throws InterruptedException {
        URI uri = URI.create(base);
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
                Connection conn = null;
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
                        byte[] request = request(uri, token, body(community, (int) i));
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            if (conn == null) {
                                conn = new Connection(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
                            }
                            status = conn.exchange(request);
                        } catch (IOException e) {
                            status = -1;
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
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
                    if (conn != null) {
                        conn.close();
                    }
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        return new Result(ok, new TreeMap<>(statuses), lat, counts, System.nanoTime() - start);
    }

    static byte[] request(URI uri, String token, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + (uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/$", "")) + "/cases HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Idempotency-Key: " + UUID.randomUUID() + "\r\n"
                + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + json.length);
        System.arraycopy(json, 0, all, h.length, json.length);
        return all;
    }

    /** One keep-alive HTTP/1.1 connection: writes a request, reads status, headers and body (length or chunked). */
    static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h; !(h = line()).isEmpty();) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n';) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed");
                    }
                    k = 1;
                }
                n -= k;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    static String body(String community, int i) {
        String phone = "139" + String.format("%08d", i % 100_000_000);
        return """
                {"channel":"HOTLINE","communityCode":"%s","lineCode":"%s","address":"泾水公寓%d号楼",
                 "description":"%s（压测 %d）","households":1,"urgency":"NORMAL",
                 "visitors":[{"name":"测试来访人","phone":"%s"}]}""".formatted(community, LINES[i % LINES.length],
                i % 100, TOPICS[i % TOPICS.length], i, phone);
    }

    /** CPU time of this JVM (all threads). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 per second on Linux). */
    static long serviceTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
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
