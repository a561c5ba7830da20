package org.minqing.kit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.Events;
import org.minqing.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Puts dead letters (死信) back on the topic they came from, for the runbook's "replay a
 * dead-letter topic". A dead-lettered event was never recorded as processed, so its consumer
 * handles it again and every other consumer of the topic skips it as a duplicate; replaying twice
 * changes nothing more.
 *
 * <p>It ships in every service image ({@code /deployments/lib/main}) and runs without the service:
 * <pre>
 * java -cp '/deployments/lib/main/*' org.minqing.kit.ops.DeadLetterReplay \
 *      --bootstrap kafka:9092 --config /tmp/admin.properties \
 *      --dead-letters minqing.intake.case.dlt.referral [--event-id UUID ...] [--replay]
 * </pre>
 * Without {@code --replay} it only lists (partition, offset, key, event id, reason); with it, the
 * chosen records (all, or those named by {@code --event-id}) go to the original topic with their
 * key, so per-aggregate order holds from there on. It reads by assignment (no consumer group, no
 * offsets committed) and never prints a record's value.
 *
 * <p>A directory topic (people, units, the district's reference data) is compacted and keeps each
 * key's latest record for every piece that joins later (ADR 0022). Putting back a dead letter that a
 * newer event of its key has since replaced would make the old state the latest there, so such a
 * dead letter is listed as superseded and not replayed: its consumer got (or will get) the newer one.
 */
public final class DeadLetterReplay {

    /** {@code <topic>.dlt.<consumer>}, as the services' dead-letter channels name them. */
    private static final Pattern DLT = Pattern.compile("(.+)\\.dlt\\.([a-z0-9-]+)");
    private static final String REASON_HEADER = "dead-letter-reason";
    private static final Duration POLL = Duration.ofMillis(500);

    /** One dead letter as listed: where it lies, its key and event id, and why it died. */
    public record DeadLetter(int partition, long offset, String key, String eventId, String reason) {
    }

    /**
     * What a run found and did; {@code missing} are asked-for event ids not on the topic, {@code superseded}
     * chosen dead letters of a directory that a newer event of their key has replaced (not replayed).
     */
    public record Outcome(List<DeadLetter> found, List<DeadLetter> replayed, List<DeadLetter> superseded,
            Set<String> missing) {
    }

    private final Properties clientConfig;
    private final String deadLetters;
    private final String original;

    public DeadLetterReplay(Properties clientConfig, String deadLetterTopic) {
        Matcher m = DLT.matcher(deadLetterTopic);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a dead-letter topic (<topic>.dlt.<consumer>): " + deadLetterTopic);
        }
        this.clientConfig = clientConfig;
        this.deadLetters = deadLetterTopic;
        this.original = m.group(1);
    }

    public String originalTopic() {
        return original;
    }

    /**
     * Reads the dead-letter topic to its end and, when {@code replay}, sends the chosen records
     * (every one when {@code eventIds} is empty) to the original topic.
     */
    public Outcome run(Set<String> eventIds, boolean replay) {
        List<ConsumerRecord<String, String>> records = readAll();
        List<DeadLetter> found = new ArrayList<>();
        List<ConsumerRecord<String, String>> chosen = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(eventIds);
        for (ConsumerRecord<String, String> r : records) {
            DeadLetter d = describe(r);
            found.add(d);
            if (eventIds.isEmpty() || (d.eventId() != null && eventIds.contains(d.eventId()))) {
                chosen.add(r);
                missing.remove(d.eventId());
            }
        }
        List<DeadLetter> replayed = new ArrayList<>();
        List<DeadLetter> superseded = new ArrayList<>();
        if (replay && !chosen.isEmpty() && isDirectory(original)) {
            Map<String, String> latest = latestEventIds(readAll(original));
            chosen.removeIf(r -> {
                String id = eventId(r.value());
                boolean old = id != null && latest.containsKey(r.key()) && !id.equals(latest.get(r.key()));
                if (old) {
                    superseded.add(describe(r));
                }
                return old;
            });
        }
        if (replay && !chosen.isEmpty()) {
            try (KafkaProducer<String, String> producer = producer()) {
                for (ConsumerRecord<String, String> r : chosen) {
                    ProducerRecord<String, String> out = new ProducerRecord<>(original, r.key(), r.value());
                    out.headers().add("replayed-from",
                            (deadLetters + ":" + r.partition() + ":" + r.offset()).getBytes(StandardCharsets.UTF_8));
                    producer.send(out);
                    replayed.add(describe(r));
                }
                producer.flush();
            }
        }
        return new Outcome(found, replayed, superseded, missing);
    }

    static boolean isDirectory(String topic) {
        return Topics.allTopicNames().contains(topic) && !Topics.isDlt(topic) && Topics.forTopic(topic).isDirectory();
    }

    /** Each key's last event id on the topic (its current state in a directory). */
    static Map<String, String> latestEventIds(List<ConsumerRecord<String, String>> records) {
        Map<String, String> latest = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String id = eventId(r.value());
            if (r.key() != null && id != null) {
                latest.put(r.key(), id); // in offset order within a partition, and a key lives in one partition
            }
        }
        return latest;
    }

    private List<ConsumerRecord<String, String>> readAll() {
        return readAll(deadLetters);
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            // Read until every partition's position reaches the end it had when we started.
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(POLL).forEach(all::add);
            }
        }
        return all;
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static DeadLetter describe(ConsumerRecord<String, String> r) {
        Header h = r.headers().lastHeader(REASON_HEADER);
        String reason = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        return new DeadLetter(r.partition(), r.offset(), r.key(), eventId(r.value()), reason);
    }

    /** The envelope's event id, or null for a value that is not a readable envelope (a poison message). */
    public static String eventId(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode id = Events.mapper().readTree(value).get("eventId");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line; returns the exit code (0 done, 1 an asked-for event id not found, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Properties config = new Properties();
        String topic = null;
        Set<String> eventIds = new LinkedHashSet<>();
        boolean replay = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "--bootstrap" -> {
                    if (!hasValue) {
                        return usage(err, "--bootstrap needs host:port");
                    }
                    config.put("bootstrap.servers", args[++i]);
                }
                case "--config" -> {
                    if (!hasValue) {
                        return usage(err, "--config needs a file");
                    }
                    try (InputStream in = Files.newInputStream(Path.of(args[++i]))) {
                        config.load(in);
                    }
                }
                case "--dead-letters" -> {
                    if (!hasValue) {
                        return usage(err, "--dead-letters needs a topic");
                    }
                    topic = args[++i];
                }
                case "--event-id" -> {
                    if (!hasValue) {
                        return usage(err, "--event-id needs an id");
                    }
                    eventIds.add(args[++i]);
                }
                case "--replay" -> replay = true;
                default -> {
                    return usage(err, "unknown argument " + a);
                }
            }
        }
        if (topic == null || !config.containsKey("bootstrap.servers")) {
            return usage(err, "--dead-letters and --bootstrap (or bootstrap.servers in --config) are required");
        }
        DeadLetterReplay tool;
        try {
            tool = new DeadLetterReplay(config, topic);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Outcome o = tool.run(eventIds, replay);
        out.printf("%s: %d dead letter(s)%n", topic, o.found().size());
        for (DeadLetter d : o.found()) {
            out.printf("  partition %d offset %d key %s event %s reason %s%n", d.partition(), d.offset(), d.key(),
                    d.eventId() == null ? "(unreadable)" : d.eventId(), d.reason() == null ? "-" : d.reason());
        }
        for (DeadLetter d : o.superseded()) {
            out.printf("  not replayed, superseded by a newer event of key %s: event %s%n", d.key(), d.eventId());
        }
        if (replay) {
            out.printf("replayed %d to %s%n", o.replayed().size(), tool.originalTopic());
        } else {
            out.println("listed only; add --replay to put them back on " + tool.originalTopic());
        }
        if (!o.missing().isEmpty()) {
            err.println("not on the dead-letter topic: " + String.join(", ", o.missing()));
            return 1;
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: DeadLetterReplay --bootstrap HOST:PORT [--config client.properties]"
                + " --dead-letters <topic>.dlt.<consumer> [--event-id ID ...] [--replay]");
        return 2;
    }
}
