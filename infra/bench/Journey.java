// The whole journey of a case: POST /cases at a fixed rate (Bench.java's plain HTTP driver), then the
// moment the visitor's SMS reached the gateway (SmsSink.java's journal, matched by the visitor's
// unique phone). Prints latency POST -> SMS, end-to-end throughput, CPU per case of every process
// given with --procs (from /proc, the process and its children) and the services' resident memory.
// Compiled together with Bench.java (infra/bench/run does it):
//   javac -d DIR infra/bench/Bench.java infra/bench/Journey.java && java -cp DIR Journey --help
// Every figure is also printed as "RESULT <label>.<key> <value>" for infra/bench/run's table.

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

public class Journey {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.parse(args);
        if (a.containsKey("ticks")) {   // "name ticks" of each name=PID, for infra/bench/run's own brackets
            Map<String, String> named = new LinkedHashMap<>();
            for (String p : a.get("ticks").split(",")) {
                named.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
            ticks(named).forEach((n, t) -> System.out.println(n + " " + t));
            return;
        }
        if (a.containsKey("help")) {
            System.out.println("""
                    java -cp DIR Journey [options]   (DIR holds Bench.java and Journey.java compiled)
                      --url URL --token-url URL --user NAME     as Bench.java
                      --label NAME          prefix of the RESULT lines          default journey
                      --rate R              cases per second, 0 = as fast as the connections go   default 50
                      --count N             cases                               default 1000
                      --connections C       default 8
                      --phone-base N        visitor phones are 139 + 8 digits of N+i (unique per run)   default 0
                      --journal FILE        SmsSink.java's journal
                      --procs a=PID,b=PID   processes whose CPU (with their children) is counted per case
                      --rss a,b             of those, the ones whose resident memory is sampled
                      --wait S              longest wait for the SMS after the last POST   default 120
                      --community CODE      default 310104001001
                    """);
            return;
        }
        String label = a.getOrDefault("label", "journey");
        String base = a.getOrDefault("url", "http://127.0.0.1:8081");
        double rate = Double.parseDouble(a.getOrDefault("rate", "50"));
        int count = Integer.parseInt(a.getOrDefault("count", "1000"));
        int connections = Integer.parseInt(a.getOrDefault("connections", "8"));
        long phoneBase = Long.parseLong(a.getOrDefault("phone-base", "0"));
        Path journal = Path.of(a.getOrDefault("journal", "sms-journal.tsv"));
        int waitSeconds = Integer.parseInt(a.getOrDefault("wait", "120"));
        String community = a.getOrDefault("community", "310104001001");
        Bench.requireLoopback(base);
        Map<String, String> procs = new LinkedHashMap<>();
        for (String p : a.getOrDefault("procs", "").split(",")) {
            if (p.contains("=")) {
                procs.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
        }
        String[] rssNames = a.getOrDefault("rss", "").isBlank() ? new String[0] : a.get("rss").split(",");

        String token = Bench.token(a, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        long journalStart = Files.exists(journal) ? Files.size(journal) : 0;

        // Idle CPU of the processes for 3 s first: what they spend with no case at all (poll loops).
        Map<String, Long> idle0 = ticks(procs);
        Thread.sleep(3000);
        Map<String, Long> idle1 = ticks(procs);
        long idleTicks = sum(idle1) - sum(idle0);
        result(label, "idle_cpu_pct_of_one_core", idleTicks / 3.0);

        RssMax rss = new RssMax(procs, rssNames);
        rss.start();
        Map<String, Long> t0 = ticks(procs);
        long[] sentMicros = new long[count];
        long[] postMicros = new long[count];
        int[] status = new int[count];
        long sendStart = System.nanoTime();
        send(URI.create(base), token, community, count, rate, connections, phoneBase, sentMicros, postMicros, status);
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        int ok = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int s : status) {
            statuses.merge(s, 1, Integer::sum);
            ok += s == 201 ? 1 : 0;
        }
        System.out.printf("%s: sent %d at target %s/s in %.1f s (%.1f/s), answers %s%n", label, count,
                rate > 0 ? rate : "max", sendSeconds, count / sendSeconds, statuses);

        // Wait for the SMS: first journal line of each phone of this run.
        long[] smsMicros = new long[count];
        int matched = 0;
        long lastSms = 0;
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        long pos = journalStart;
        int otherSms = 0;
        while (matched < ok && System.nanoTime() < deadline) {
            try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "r")) {
                f.seek(pos);
                byte[] buf = new byte[(int) Math.min(Integer.MAX_VALUE, f.length() - pos)];
                f.readFully(buf);
                String s = new String(buf, StandardCharsets.UTF_8);
                int end = s.lastIndexOf('\n');
                if (end >= 0) {
                    pos += s.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
                    for (String line : s.substring(0, end).split("\n")) {
                        int tab = line.indexOf('\t');
                        if (tab < 0) {
                            continue;
                        }
                        long at = Long.parseLong(line.substring(0, tab));
                        String to = line.substring(tab + 1);
                        long n = to.startsWith("139") && to.length() == 11 ? Long.parseLong(to.substring(3)) - phoneBase : -1;
                        if (n >= 0 && n < count) {
                            if (smsMicros[(int) n] == 0) {
                                smsMicros[(int) n] = at;
                                matched++;
                                lastSms = Math.max(lastSms, at);
                            }
                        } else {
                            otherSms++;
                        }
                    }
                }
            }
            if (matched < ok) {
                Thread.sleep(200);
            }
        }
        // Then until the processes are quiet again (the e-mails, the archive and the timeline follow the SMS).
        Map<String, Long> prev = ticks(procs);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            Map<String, Long> now = ticks(procs);
            long d = sum(now) - sum(prev);
            prev = now;
            if (d <= idleTicks / 3 + 10) {
                break;
            }
        }
        rss.stop = true;
        rss.join();
        Map<String, Long> t1 = prev;

        long[] e2e = new long[matched];
        long firstSent = Long.MAX_VALUE;
        int k = 0;
        for (int i = 0; i < count; i++) {
            firstSent = Math.min(firstSent, sentMicros[i]);
            if (smsMicros[i] != 0) {
                e2e[k++] = smsMicros[i] - sentMicros[i];
            }
        }
        Arrays.sort(e2e);
        long[] post = postMicros.clone();
        Arrays.sort(post);
        result(label, "sent", count);
        result(label, "created", ok);
        result(label, "post_rate", count / sendSeconds);
        result(label, "post_p50_ms", Bench.pct(post, 50));
        result(label, "post_p99_ms", Bench.pct(post, 99));
        result(label, "sms_matched", matched);
        result(label, "sms_other", otherSms);
        result(label, "e2e_p50_ms", Bench.pct(e2e, 50));
        result(label, "e2e_p95_ms", Bench.pct(e2e, 95));
        result(label, "e2e_p99_ms", Bench.pct(e2e, 99));
        result(label, "e2e_max_ms", e2e.length == 0 ? 0 : e2e[e2e.length - 1] / 1000.0);
        result(label, "e2e_throughput", matched == 0 ? 0 : matched / ((lastSms - firstSent) / 1e6));
        result(label, "last_sms_epoch_ms", lastSms / 1000);
        long total = 0;
        for (String name : procs.keySet()) {
            long d = t1.getOrDefault(name, 0L) - t0.getOrDefault(name, 0L);
            total += d;
            result(label, "cpu_ms_per_case." + name, ok == 0 ? 0 : d * 10.0 / ok);
        }
        result(label, "cpu_ms_per_case.total", ok == 0 ? 0 : total * 10.0 / ok);
        for (String name : rssNames) {
            result(label, "rss_max_mb." + name, rss.max.getOrDefault(name, 0L) / 1024.0);
        }
    }

    static void result(String label, String key, double v) {
        System.out.printf("RESULT %s.%s %.2f%n", label, key, v);
    }

    /** Bench.run's scheduling, recording each request's wall-clock start and its answer time. */
    static void send(URI uri, String token, String community, int count, double rate, int connections, long phoneBase,
            long[] sentMicros, long[] postMicros, int[] status) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long period = rate > 0 ? (long) (1e9 / rate) : 0;
        for (int w = 0; w < connections; w++) {
            new Thread(() -> {
                Bench.Connection conn = null;
                try {
                    long i;
                    while ((i = next.getAndIncrement()) < count) {
                        if (period > 0) {
                            long wait = start + i * period - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        byte[] req = Bench.request(uri, token, Bench.body(community, (int) (phoneBase + i)));
                        Instant at = Instant.now();
                        long t0 = System.nanoTime();
                        int s;
                        try {
                            if (conn == null) {
                                conn = new Bench.Connection(uri.getHost(), uri.getPort());
                            }
                            s = conn.exchange(req);
                        } catch (IOException e) {
                            s = -1;
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
                        }
                        postMicros[(int) i] = (System.nanoTime() - t0) / 1000;
                        sentMicros[(int) i] = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
                        status[(int) i] = s;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (conn != null) {
                        conn.close();
                    }
                    done.countDown();
                }
            }).start();
        }
        done.await();
    }

    static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * CPU ticks (1/100 s) of each named process with its descendants: utime + stime + the children
     * it has reaped (cutime + cstime: PostgreSQL's ended backends), plus its live descendants' own.
     */
    static Map<String, Long> ticks(Map<String, String> procs) {
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, long[]> cpu = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.forEach(d -> {
                String n = d.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    return;
                }
                long[] s = stat(n);
                if (s != null) {
                    parent.put(Long.parseLong(n), s[0]);
                    cpu.put(Long.parseLong(n), s);
                }
            });
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (var e : procs.entrySet()) {
            long root = Long.parseLong(e.getValue());
            long total = 0;
            for (var p : cpu.entrySet()) {
                long pid = p.getKey();
                if (pid == root) {
                    long[] s = p.getValue();
                    total += s[1] + s[2] + s[3] + s[4];
                } else if (descends(pid, root, parent)) {
                    long[] s = p.getValue();
                    total += s[1] + s[2] + s[3] + s[4];
                }
            }
            out.put(e.getKey(), total);
        }
        return out;
    }

    static boolean descends(long pid, long root, Map<Long, Long> parent) {
        for (int depth = 0; depth < 8; depth++) {
            Long pp = parent.get(pid);
            if (pp == null || pp <= 1) {
                return false;
            }
            if (pp == root) {
                return true;
            }
            pid = pp;
        }
        return false;
    }

    /** ppid, utime, stime, cutime, cstime of /proc/PID/stat, or null if it is gone. */
    static long[] stat(String pid) {
        try {
            String s = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] { Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14]) };
        } catch (Exception e) {
            return null;
        }
    }

    /** Highest VmRSS (kB) of each named process, sampled every 200 ms. */
    static final class RssMax extends Thread {
        final Map<String, String> procs;
        final String[] names;
        final Map<String, Long> max = new ConcurrentHashMap<>();
        volatile boolean stop;

        RssMax(Map<String, String> procs, String[] names) {
            this.procs = procs;
            this.names = names;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                for (String n : names) {
                    String pid = procs.get(n);
                    if (pid != null) {
                        max.merge(n, Bench.RssSampler.read(pid, "VmRSS"), Math::max);
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
