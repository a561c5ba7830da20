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
 * <p>
 * Two modes. PLAINTEXT without authorisation (module tests: each is one service, speed matters).
 * Secure (M3/L13, the e2e suite, like the local platform): SASL/SCRAM-SHA-512 on the client
 * listener, SASL/PLAIN on the controller listener, the StandardAuthorizer with no access unless an
 * ACL grants it, one SCRAM user per service (created at format time) and ACLs derived from
 * topics.tsv ({@link KafkaAcls}): a service writes only its own topics and the dead letters of what
 * it consumes, reads what it consumes in its own consumer group. {@link #clientProperties()} gives
 * the super user's client settings.
 */
public final class NativeKafka {

    private static NativeKafka shared;

    /** The super user of the secure mode (inter-broker, controller, topics and ACLs). */
    public static final String ADMIN_USER = "admin";

    private final Path libDir;
    private final Path workDir;
    private final int port;
    private final int controllerPort;
    /** SCRAM users (name → password) of the secure mode; null for PLAINTEXT. */
    private final Map<String, String> users;
    private final String adminPassword = java.util.UUID.randomUUID().toString();
    private Process process;

    private NativeKafka(Path libDir, Path workDir, int port, int controllerPort, Map<String, String> users) {
        this.libDir = libDir;
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.users = users;
    }

    /** The broker of this JVM: PLAINTEXT, unless {@link #sharedSecure} created it first. */
    public static synchronized NativeKafka shared() {
        return shared(null);
    }

    /**
     * The broker of this JVM in secure mode, with these SCRAM users (name → password) and the
     * ACLs of topics.tsv. Must be the first call in the JVM.
     */
    public static synchronized NativeKafka sharedSecure(Map<String, String> users) {
        if (shared != null && shared.users == null) {
            throw new IllegalStateException("the PLAINTEXT broker of this JVM is already running");
        }
        return shared(Map.copyOf(users));
    }

    private static synchronized NativeKafka shared(Map<String, String> users) {
        if (shared == null) {
            Path lib = Processes.repoRoot().resolve("infra/kafka-dist/target/lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException("Kafka broker jars missing in " + lib
                        + ": build the module first (./mvnw -pl infra/kafka-dist package)");
            }
            NativeKafka kafka = new NativeKafka(lib, Processes.tempDir("minqing-kafka-"), Processes.freePort(),
                    Processes.freePort(), users);
            kafka.format();
            kafka.start();
            kafka.createTopics();
            kafka.createAcls();
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

    public boolean isSecure() {
        return users != null;
    }

    /** Client settings of the super user (bootstrap servers included). */
    public Properties clientProperties() {
        return clientProperties(ADMIN_USER, adminPassword);
    }

    /** Client settings of a SCRAM user (just the bootstrap servers for a PLAINTEXT broker). */
    public Properties clientProperties(String user, String password) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (isSecure()) {
            p.put("security.protocol", "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", scramJaas(user, password));
        }
        return p;
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
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
            List<String> cmd = new ArrayList<>(java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    workDir.resolve("server.properties").toString(), "--standalone"));
            if (isSecure()) {
                // SCRAM credentials live in the metadata log: the first ones are written at format time.
                cmd.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + ADMIN_USER + ",password=" + adminPassword + "]"));
                users.forEach((u, pw) -> cmd.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + u + ",password=" + pw + "]")));
            }
            Processes.run(cmd, workDir);
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
                // topic, partitions, retention.ms, cleanup.policy (compact for the directories, ADR 0022)
                String[] f = line.split("\t");
                topics.add(new NewTopic(f[0].trim(), Integer.parseInt(f[1].trim()), (short) 1)
                        .configs(Map.of("retention.ms", f[2].trim(), "cleanup.policy", f[3].trim())));
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
        return Admin.create(clientProperties());
    }

    /** Secure mode: the ACLs of topics.tsv for every SCRAM user that is a service ({@code <name>-service}). */
    private void createAcls() {
        if (!isSecure()) {
            return;
        }
        Path tsv = Processes.repoRoot().resolve("event-contracts/src/main/resources/topics.tsv");
        try (Admin admin = admin()) {
            admin.createAcls(KafkaAcls.bindings(KafkaAcls.topics(tsv))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the ACLs", e);
        }
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
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + workDir.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        if (isSecure()) {
            String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN_USER
                    + "\" password=\"" + adminPassword + "\" user_" + ADMIN_USER + "=\"" + adminPassword + "\";";
            lines.addAll(List.of(
                    "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                    "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                    "inter.broker.listener.name=SASL_PLAINTEXT",
                    "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + scramJaas(ADMIN_USER, adminPassword),
                    // SCRAM credentials are in the metadata log, which the controller must read first: PLAIN here.
                    "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.controller.plain.sasl.jaas.config=" + plainJaas,
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "super.users=User:" + ADMIN_USER,
                    "allow.everyone.if.no.acl.found=false",
                    "auto.create.topics.enable=false"));
        } else {
            lines.addAll(List.of(
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "auto.create.topics.enable=true"));
        }
        return String.join("\n", lines) + "\n";
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
