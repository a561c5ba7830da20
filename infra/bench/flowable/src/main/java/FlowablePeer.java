// Issue 16, item 4: the peer. Embedded Flowable 7.1 on the platform's PostgreSQL (its own database),
// full history, the async executor on (it owns the timers), running referral.bpmn20.xml with the
// same steps infra/bench/Workflow.java drives through Minqing's APIs: start (the referral opened),
// route, accept, reply, inform-and-close (four user tasks), each task found by a query as a client
// would find it. --clients threads run workflows back to back for --seconds after --warm seconds.
// Prints "RESULT flowable.<key> <value>" lines for infra/bench/run's table.

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

public class FlowablePeer {

    static final String[] STEPS = { "start", "route", "accept", "reply", "close" };

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int clients = Integer.parseInt(a.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int warm = Integer.parseInt(a.getOrDefault("warm", "20"));
        String label = a.getOrDefault("label", "flowable");

        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(a.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:15432/flowablebench"));
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setJdbcUsername(a.getOrDefault("user", "flowablebench"));
        cfg.setJdbcPassword(a.getOrDefault("password", "flowablebench"));
        cfg.setJdbcMaxActiveConnections(clients + 4);
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistoryLevel(HistoryLevel.FULL);
        cfg.setAsyncExecutorActivate(true);
        ProcessEngine engine = cfg.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addClasspathResource("referral.bpmn20.xml").deploy();

        run(engine, clients, warm, new AtomicLong(), null);

        List<List<Long>> micros = new ArrayList<>();
        for (int i = 0; i < STEPS.length; i++) {
            micros.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicLong done = new AtomicLong();
        long finishedBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
        long cpu0 = cpu();
        long start = System.nanoTime();
        run(engine, clients, seconds, done, micros);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu1 = cpu();
        long n = done.get();
        // Honest counts: every workflow ended at "closed" with its history, and no timer is left behind.
        long finished = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count() - finishedBefore;
        long timers = engine.getManagementService().createTimerJobQuery().count();
        if (finished != n || timers != 0) {
            throw new IllegalStateException("expected " + n + " finished instances and no timers, found " + finished + " and " + timers);
        }
        System.out.printf("%s: %d workflows in %.1f s with %d clients (history: %d finished, %d timers left)%n",
                label, n, elapsed, clients, finished, timers);
        result(label, "workflows_per_s", n / elapsed);
        long[] all = new long[0];
        for (int i = 0; i < STEPS.length; i++) {
            long[] s = micros.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            result(label, "step_ms_p50." + STEPS[i], pct(s, 50));
            result(label, "step_ms_p99." + STEPS[i], pct(s, 99));
            long[] merged = Arrays.copyOf(all, all.length + s.length);
            System.arraycopy(s, 0, merged, all.length, s.length);
            all = merged;
        }
        Arrays.sort(all);
        result(label, "api_step_ms_p50", pct(all, 50));
        result(label, "api_step_ms_p99", pct(all, 99));
        result(label, "cpu_ms_per_workflow.peer", n == 0 ? 0 : (cpu1 - cpu0) / 1e6 / n);
        engine.close();
    }

    static void run(ProcessEngine engine, int clients, int seconds, AtomicLong done, List<List<Long>> micros)
            throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < until) {
                        long[] steps = one(engine);
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

    static long[] one(ProcessEngine engine) {
        long[] t = new long[STEPS.length];
        Map<String, Object> vars = new HashMap<>();
        vars.put("caseId", UUID.randomUUID().toString());
        vars.put("communityCode", "310104001001");
        vars.put("lineCode", "housing");
        vars.put("description", matter());
        vars.put("unitId", "8d2e4f10-2b02-4d7a-8b02-000000000001");
        long s = System.nanoTime();
        String pid = engine.getRuntimeService().startProcessInstanceByKey("referral", vars).getId();
        t[0] = (System.nanoTime() - s) / 1000;
        t[1] = complete(engine, pid, Map.of("route", "SUBDISTRICT_DEPARTMENT", "difficult", false));
        t[2] = complete(engine, pid, Map.of());
        t[3] = complete(engine, pid, Map.of("reply", "已安排维修班组上门处理，预计一周内完成。"));
        t[4] = complete(engine, pid, Map.of("residentInformed", true, "outcome", "已处理，居民认可。"));
        return t;
    }

    /** A step as a client does it: find the instance's open task, complete it with the step's data. */
    static long complete(ProcessEngine engine, String pid, Map<String, Object> vars) {
        long s = System.nanoTime();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
        engine.getTaskService().complete(task.getId(), vars);
        return (System.nanoTime() - s) / 1000;
    }

    static String matter() {
        String chars = "楼道墙皮脱落屋顶渗水电梯停运老人上下困难路口红绿灯行人垃圾堆放河道蚊虫噪音施工夜间停车位占用";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return sb.toString();
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
    }

    static void result(String label, String key, double v) {
        System.out.println("RESULT " + label + "." + key + " " + String.format("%.2f", v));
    }
}
