package org.minqing.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minqing.testing.NativeKafka;

/**
 * The kafka-topics Job's script ({@code base/kafka-topics/create-topics.sh}) run against a real broker
 * with the Kafka tools, as a cluster runs it: it creates what the list names with its retention and
 * cleanup policy, brings an existing topic's policy to the list's (the upgrade that compacts the
 * directories, ADR 0022), and refuses a list in the old three-column form before touching anything.
 */
class CreateTopicsScriptTest {

    static final Path ROOT = Path.of(System.getProperty("minqing.repo.root", "../..")).toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("infra/k8s/base/kafka-topics/create-topics.sh");
    static final Path LIST = ROOT.resolve("infra/k8s/base/topics.tsv");
    static final Path KAFKA_LIB = ROOT.resolve("infra/kafka-dist/target/lib");

    @TempDir
    static Path bin;
    static NativeKafka kafka;

    @BeforeAll
    static void tools() throws IOException {
        kafka = NativeKafka.shared();
        // the tools as an image ships them: kafka-topics.sh and kafka-configs.sh side by side
        tool("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand");
        tool("kafka-configs.sh", "kafka.admin.ConfigCommand");
    }

    static void tool(String name, String mainClass) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexec java -cp '" + KAFKA_LIB + "/*' " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void anExistingDirectoryTopicIsCompactedAndANewTopicCreatedAsListed() throws Exception {
        // a cluster from before ADR 0022: the unit directory expired after seven days like any topic
        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "-1"), config("minqing.referral.unit"),
                "the test broker creates the directories compacted, as topics.tsv says");
        setConfig("minqing.referral.unit", "delete", "604800000");
        awaitConfig("minqing.referral.unit", Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));

        Path list = bin.resolve("topics.tsv");
        // some lines of the real list (each existing topic costs the script one JVM), and a new directory
        List<String> lines = Files.readAllLines(LIST).stream().filter(l -> l.startsWith("minqing.referral.unit\t")
                || l.startsWith("minqing.representative.representative\t") || l.startsWith("minqing.intake.case\t")
                || l.startsWith("minqing.intake.case.dlt.referral\t")).toList();
        assertEquals(4, lines.size(), lines.toString());
        Files.writeString(list, String.join("\n", lines) + "\nminqing.test.directory\t3\t-1\tcompact\n");
        Result r = run(list);

        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("1 created"), r.output());
        awaitConfig("minqing.referral.unit", Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        awaitConfig("minqing.test.directory", Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        awaitConfig("minqing.representative.representative", Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        awaitConfig("minqing.intake.case", Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
        awaitConfig("minqing.intake.case.dlt.referral", Map.of("cleanup.policy", "delete", "retention.ms", "2592000000"));
    }

    @Test
    void aListInTheOldThreeColumnFormIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path list = bin.resolve("old-topics.tsv");
        Files.writeString(list, "minqing.test.never-created\t3\t604800000\n");
        Result r = run(list);

        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("expected topic<TAB>partitions<TAB>retention.ms<TAB>cleanup.policy"), r.output());
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            assertTrue(!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("minqing.test.never-created"));
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(Path list) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        pb.environment().put("REPLICATION_FACTOR", "1");
        pb.environment().put("TOPICS_FILE", list.toString());
        pb.environment().put("WAIT_SECONDS", "30");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "create-topics.sh did not finish");
        return new Result(p.exitValue(), out);
    }

    static Map<String, String> config(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config c = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
            return Map.of("cleanup.policy", c.get("cleanup.policy").value(), "retention.ms", c.get("retention.ms").value());
        }
    }

    /** A topic's configuration reaches the broker's answers a moment after the controller took it. */
    static void awaitConfig(String topic, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, String> seen = config(topic);
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = config(topic);
        }
        assertEquals(expected, seen, topic);
    }

    static void setConfig(String topic, String policy, String retentionMs) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(r, List.of(
                    new AlterConfigOp(new ConfigEntry("cleanup.policy", policy), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("retention.ms", retentionMs), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
