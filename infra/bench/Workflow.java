// The referral workflow through the APIs, as staff and a unit work it (issue 16, item 4): a case
// recorded (POST /cases, c11.staff), its referral opened by referral-service from the event (polled
// with GET /referrals?caseId=), routed (sub1.staff), accepted and replied (unit.housing), the
// resident informed and the referral closed (sub1.staff). Each step with its Keycloak token, its
// events and the notices they cause. --clients workers run workflows back to back for --seconds.
// Prints workflows per second, each step's p50/p95/p99 and the CPU per workflow of --procs.
// Compiled with Bench.java and Journey.java (infra/bench/run does it).

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Workflow {

    static final String[] STEPS = { "record", "opened", "route", "accept", "reply", "informed", "close" };
    static final String UNIT_HOUSING = "8d2e4f10-2b02-4d7a-8b02-000000000001";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** Common characters: a description drawn from them shares too little with another to count as a repeat. */
    static final String CHARS = "楼道墙皮脱落屋顶渗水电梯停运老人上下困难路口红绿灯行人垃圾堆放河道蚊虫噪音施工夜间停车位占用"
            + "绿化带树木修剪路灯损坏下水道堵塞异味燃气管道老化外墙空调滴水违章搭建宠物扰民快递柜充电桩消防通道"
            + "公交站台积水窨井盖松动小区大门门禁监控维修基金物业服务收费供暖热水管网水压自来水浑浊";

    record Tokens(String staff, String sub, String unit) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.parse(args);
        if (a.containsKey("help")) {
            System.out.println("""
                    java -cp DIR Workflow --intake URL --referral URL --token-url URL
                      [--label workflow] [--clients 8] [--seconds 60] [--warm 20] [--procs a=PID,...]
                    """);
            return;
        }
        String label = a.getOrDefault("label", "workflow");
        String intake = a.getOrDefault("intake", "http://127.0.0.1:8081");
        String referral = a.getOrDefault("referral", "http://127.0.0.1:8083");
        int clients = Integer.parseInt(a.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int warm = Integer.parseInt(a.getOrDefault("warm", "20"));
        Bench.requireLoopback(intake);
        Bench.requireLoopback(referral);
        Map<String, String> procs = new LinkedHashMap<>();
        for (String p : a.getOrDefault("procs", "").split(",")) {
            if (p.contains("=")) {
                procs.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // Tokens live 300 s in the realm: each phase signs in afresh and lasts less than that.
        Tokens tokens = signIn(a, http);

        // Warm-up: the same steps, not counted.
        run(http, intake, referral, tokens, clients, warm, new AtomicLong(), null);

        tokens = signIn(a, http);
        Map<String, Long> t0 = Journey.ticks(procs);
        List<List<Long>> micros = new ArrayList<>();
        for (int i = 0; i < STEPS.length; i++) {
            micros.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        run(http, intake, referral, tokens, clients, seconds, done, micros);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> t1 = Journey.ticks(procs);

        long n = done.get();
        System.out.printf("%s: %d workflows in %.1f s with %d clients%n", label, n, elapsed, clients);
        Journey.result(label, "workflows_per_s", n / elapsed);
        long[] all = new long[0];
        for (int i = 0; i < STEPS.length; i++) {
            long[] s = micros.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            Journey.result(label, "step_ms_p50." + STEPS[i], Bench.pct(s, 50));
            Journey.result(label, "step_ms_p99." + STEPS[i], Bench.pct(s, 99));
            if (i != 1) {   // the API steps (the referral's opening is an event hop, not a request)
                long[] merged = new long[all.length + s.length];
                System.arraycopy(all, 0, merged, 0, all.length);
                System.arraycopy(s, 0, merged, all.length, s.length);
                all = merged;
            }
        }
        java.util.Arrays.sort(all);
        Journey.result(label, "api_step_ms_p50", Bench.pct(all, 50));
        Journey.result(label, "api_step_ms_p99", Bench.pct(all, 99));
        long total = 0;
        for (String p : procs.keySet()) {
            long d = t1.getOrDefault(p, 0L) - t0.getOrDefault(p, 0L);
            total += d;
            Journey.result(label, "cpu_ms_per_workflow." + p, n == 0 ? 0 : d * 10.0 / n);
        }
        Journey.result(label, "cpu_ms_per_workflow.total", n == 0 ? 0 : total * 10.0 / n);
    }

    static Tokens signIn(Map<String, String> a, HttpClient http) throws Exception {
        return new Tokens(token(a, http, "c11.staff"), token(a, http, "sub1.staff"), token(a, http, "unit.housing"));
    }

    static String token(Map<String, String> a, HttpClient http, String user) throws Exception {
        Map<String, String> b = new LinkedHashMap<>(a);
        b.remove("token");
        b.put("user", user);
        return Bench.token(b, http);
    }

    /** {@code clients} threads, each running workflows back to back until {@code seconds} have passed. */
    static void run(HttpClient http, String intake, String referral, Tokens tk, int clients, int seconds, AtomicLong done,
            List<List<Long>> micros) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < until) {
                        long[] steps = one(http, intake, referral, tk);
                        if (micros != null) {
                            for (int i = 0; i < steps.length; i++) {
                                micros.get(i).add(steps[i]);
                            }
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a workflow failed: " + failures.get(0), failures.get(0));
        }
    }

    /** One workflow; each step's time in microseconds, in the order of {@link #STEPS}. */
    static long[] one(HttpClient http, String intake, String referral, Tokens tk) throws Exception {
        long[] t = new long[STEPS.length];
        long s = System.nanoTime();
        String caseBody = """
                {"channel":"HOTLINE","communityCode":"310104001001","lineCode":"housing","description":"%s",
                 "households":1,"urgency":"NORMAL","visitors":[{"name":"测试来访人","phone":"139%08d"}]}"""
                .formatted(matter(), ThreadLocalRandom.current().nextInt(100_000_000));
        String recorded = call(http, "POST", intake + "/cases", tk.staff(), caseBody, 201);
        t[0] = (System.nanoTime() - s) / 1000;
        Matcher m = ID.matcher(recorded);
        if (!m.find()) {
            throw new IllegalStateException("no case id in " + recorded);
        }
        String caseId = m.group(1);

        s = System.nanoTime();
        String referralId = null;
        long deadline = s + 60_000_000_000L;
        while (referralId == null) {
            Matcher r = ID.matcher(call(http, "GET", referral + "/referrals?caseId=" + caseId, tk.sub(), null, 200));
            if (r.find()) {
                referralId = r.group(1);
            } else if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no referral for case " + caseId + " within 60 s");
            } else {
                Thread.sleep(10);
            }
        }
        t[1] = (System.nanoTime() - s) / 1000;
        String base = referral + "/referrals/" + referralId;
        t[2] = timed(http, base + "/route", tk.sub(),
                "{\"route\":\"SUBDISTRICT_DEPARTMENT\",\"unitId\":\"" + UNIT_HOUSING + "\",\"difficult\":false}");
        t[3] = timed(http, base + "/accept", tk.unit(), "{}");
        t[4] = timed(http, base + "/reply", tk.unit(), "{\"reply\":\"已安排维修班组上门处理，预计一周内完成。\"}");
        t[5] = timed(http, base + "/resident-informed", tk.sub(), "{}");
        t[6] = timed(http, base + "/close", tk.sub(), "{\"outcome\":\"已处理，居民认可。\"}");
        return t;
    }

    static long timed(HttpClient http, String url, String token, String body) throws Exception {
        long s = System.nanoTime();
        call(http, "POST", url, token, body, 200);
        return (System.nanoTime() - s) / 1000;
    }

    static String call(HttpClient http, String method, String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** 40 characters drawn at random: no two cases in flight are similar enough to be linked as repeats. */
    static String matter() {
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 40; i++) {
            sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return sb.toString();
    }
}
