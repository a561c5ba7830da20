package org.minqing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka 4.1.1 broker (KRaft, single node) for tests, run as a separate JVM from the jars
 * that the {@code infra/kafka-dist} module collects. One per test JVM. {@link #kill()} really
 * kills it ({@code SIGKILL}); {@link #restart()} brings it back on the same port with its data.
 */
public final class NativeKafka {

    private static NativeKafka shared;

    private final Path libDir;
    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private NativeKafka(Path libDir, Path workDir, int port, int controllerPort) {
        this.libDir = libDir;
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static synchronized NativeKafka shared() {
        if (shared == null) {
            Path lib = Processes.repoRoot().resolve("infra/kafka-dist/target/lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException("Kafka broker jars missing in " + lib
                        + ": build the module first (./mvnw -pl infra/kafka-dist package)");
            }
            NativeKafka kafka = new NativeKafka(lib, Processes.tempDir("minqing-kafka-"), Processes.freePort(),
                    Processes.freePort());
            kafka.format();
            kafka.start();
            kafka.createTopics();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.kill();
                Processes.deleteTree(kafka.workDir);
            }, "stop-test-kafka"));
            shared = kafka;
        }
        return shared;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** kill -9: no clean shutdown, exactly what a crashed broker looks like to clients. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized void restart() {
        kill();
        start();
    }

    private void format() {
        try {
            Files.writeString(workDir.resolve("server.properties"), serverProperties());
            // Kafka's own generator never starts an id with '-', which the tool would read as an option.
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            Processes.run(java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    workDir.resolve("server.properties").toString(), "--standalone"), workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not format Kafka storage", e);
        }
    }

    private synchronized void start() {
        Path log = workDir.resolve("broker.log");
        try {
            Files.deleteIfExists(log);
            process = new ProcessBuilder(java("kafka.Kafka", workDir.resolve("server.properties").toString()))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up:\n" + tail(log));
                }
                if (Files.exists(log) && Files.readString(log).contains("Kafka Server started")) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("Kafka did not start within 90 s:\n" + tail(log));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates the platform's topics as listed by the event contracts (topics.tsv). */
    private void createTopics() {
        Path tsv = Processes.repoRoot().resolve("event-contracts/src/main/resources/topics.tsv");
        if (!Files.exists(tsv)) {
            return;
        }
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String line : Files.readAllLines(tsv)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                topics.add(new NewTopic(f[0].trim(), Integer.parseInt(f[1].trim()), (short) 1)
                        .configs(Map.of("retention.ms", f[2].trim())));
            }
            createTopics(admin, topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates topics that do not exist yet (3 partitions unless given). */
    public void createTopics(String... names) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, 3, (short) 1));
            }
            createTopics(admin, topics);
        }
    }

    public Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createTopics(Admin admin, List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics", e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    private List<String> java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + libDir.getParent().getParent().resolve("log4j2.properties"),
                "-cp", libDir + "/*", mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + workDir.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "") ;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

}
