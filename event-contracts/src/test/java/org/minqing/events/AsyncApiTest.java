package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keeps asyncapi.yaml, topics.tsv, {@link Topics} and {@link EventType} telling the same story. */
class AsyncApiTest {

    private static JsonNode doc;
    /** channel address → channel id */
    private static Map<String, String> channelIds;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml missing");
            doc = new YAMLMapper().readTree(in);
        }
        channelIds = new HashMap<>();
        doc.get("channels").fields().forEachRemaining(e -> channelIds.put(e.getValue().get("address").asText(), e.getKey()));
    }

    @Test
    void isAsyncApi3() {
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        assertEquals("kafka", doc.at("/servers/local/protocol").asText());
    }

    @Test
    void topicsTsvAsyncApiChannelsAndTopicsAgree() throws IOException {
        List<String> fromTopics = Topics.allTopicNames();
        assertEquals(23, fromTopics.size());
        assertEquals(fromTopics.size(), new HashSet<>(fromTopics).size(), "duplicate topic names");

        List<String> tsvLines = readTsv();
        List<String> expectedLines = fromTopics.stream()
                .map(t -> t + "\t" + Topics.PARTITIONS + "\t" + Topics.retentionMs(t) + "\t" + Topics.cleanupPolicy(t)).toList();
        assertEquals(expectedLines, tsvLines, "topics.tsv");

        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
        assertEquals(fromTopics, addresses, "AsyncAPI channel addresses");
    }

    /** The Kubernetes topics Job carries a copy (kustomize cannot read outside its root); keep it equal. */
    @Test
    void theKubernetesCopyOfTopicsTsvIsIdentical() throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("infra/k8s"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "repository root with infra/k8s not found");
        List<String> copy = java.nio.file.Files.readAllLines(dir.resolve("infra/k8s/base/topics.tsv"), StandardCharsets.UTF_8);
        assertEquals(readTsv(), copy, "infra/k8s/base/topics.tsv differs from event-contracts' topics.tsv");
    }

    @Test
    void everyChannelHasTheRegularKafkaBinding() {
        doc.get("channels").fields().forEachRemaining(e -> {
            String id = e.getKey();
            JsonNode channel = e.getValue();
            Iterator<String> keys = channel.fieldNames();
            // A shell script reads this layout line by line: address first, then bindings.
            assertEquals("address", keys.next(), id);
            assertEquals("bindings", keys.next(), id);
            String address = channel.get("address").asText();
            JsonNode kafka = channel.get("bindings").get("kafka");
            assertEquals(List.of("topic", "partitions", "replicas", "topicConfiguration"), names(kafka), id);
            assertEquals(address, kafka.get("topic").asText(), id);
            assertEquals(Topics.PARTITIONS, kafka.get("partitions").asInt(), id);
            assertEquals(Topics.REPLICAS, kafka.get("replicas").asInt(), id);
            assertEquals(Topics.retentionMs(address), kafka.at("/topicConfiguration/retention.ms").asLong(), id);
            assertEquals(List.of(Topics.cleanupPolicy(address)), texts(kafka.at("/topicConfiguration/cleanup.policy")), id);
        });
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasAMessage(EventType type) {
        String id = messageId(type);
        JsonNode message = doc.at("/components/messages/" + id);
        assertEquals(type.type(), message.get("name").asText());
        assertEquals("application/json", message.get("contentType").asText());
        assertEquals(type.type(), message.at("/headers/properties/" + Events.HEADER_EVENT_TYPE + "/const").asText());
        assertEquals(List.of(Events.HEADER_EVENT_TYPE), texts(message.at("/headers/required")));

        JsonNode allOf = message.at("/payload/allOf");
        assertEquals("./" + Schemas.ENVELOPE, allOf.at("/0/$ref").asText());
        assertEquals(type.type(), allOf.at("/1/properties/type/const").asText());
        assertEquals(type.schemaVersion(), allOf.at("/1/properties/schemaVersion/const").asInt());
        assertEquals(type.aggregateType(), allOf.at("/1/properties/aggregateType/const").asText());
        assertEquals("./" + type.schemaResource(), allOf.at("/1/properties/payload/$ref").asText());

        String keyName = type.payloadClass().getRecordComponents()[0].getName();
        assertEquals("string", message.at("/bindings/kafka/key/type").asText());
        assertEquals(keyName + " (the aggregate id)", message.at("/bindings/kafka/key/description").asText());
    }

    @Test
    void noMessageWithoutEventType() {
        Set<String> names = new TreeSet<>();
        doc.at("/components/messages").forEach(m -> names.add(m.get("name").asText()));
        assertEquals(Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toCollection(TreeSet::new)), names);
    }

    @ParameterizedTest
    @EnumSource(Topics.class)
    void eachTopicCarriesItsEventsWithProducerAndConsumers(Topics topic) {
        Set<String> expected = Arrays.stream(EventType.values()).filter(t -> t.topic() == topic)
                .map(AsyncApiTest::messageId).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(expected.isEmpty(), topic + " carries no event type");

        String channel = channelId(topic.topic());
        assertEquals(expected, channelMessages(channel), topic + " channel messages");
        assertEquals(List.of(topic.producer()), services(channel, "send"), topic + " producer");
        assertEquals(new TreeSet<>(topic.consumers()), new TreeSet<>(services(channel, "receive")), topic + " consumers");

        for (String consumer : topic.consumers()) {
            String dlt = channelId(topic.dlt(consumer));
            assertEquals(expected, channelMessages(dlt), dlt + " messages");
            assertEquals(List.of(consumer), services(dlt, "send"), dlt + " is written by its consumer");
            assertEquals(List.of(), services(dlt, "receive"), dlt);
        }
    }

    @Test
    void operationsUseTheirChannelsMessages() {
        doc.get("operations").fields().forEachRemaining(e -> {
            JsonNode op = e.getValue();
            String channelRef = op.at("/channel/$ref").asText();
            assertTrue(channelRef.startsWith("#/channels/"), e.getKey());
            String channel = channelRef.substring("#/channels/".length());
            Set<String> used = new TreeSet<>();
            op.get("messages").forEach(m -> {
                String ref = m.get("$ref").asText();
                assertTrue(ref.startsWith(channelRef + "/messages/"), e.getKey() + " uses a message of another channel: " + ref);
                used.add(ref.substring(ref.lastIndexOf('/') + 1));
            });
            assertEquals(channelMessages(channel), used, e.getKey() + " should list all of its channel's messages");
            assertTrue(Set.of("intake", "representative", "referral", "notification").contains(op.get("x-service").asText()),
                    e.getKey() + " x-service");
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        collectRefs(doc, broken);
        assertEquals(List.of(), broken);
    }

    private static void collectRefs(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    String ref = e.getValue().asText();
                    boolean ok = ref.startsWith("#/")
                            ? !doc.at(ref.substring(1)).isMissingNode()
                            : AsyncApiTest.class.getClassLoader().getResource(ref.replaceFirst("^\\./", "")) != null;
                    if (!ok) {
                        broken.add(ref);
                    }
                } else {
                    collectRefs(e.getValue(), broken);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, broken));
        }
    }

    /** The message id for an event type, found by its name; fails if there is not exactly one. */
    private static String messageId(EventType type) {
        List<String> ids = new ArrayList<>();
        doc.at("/components/messages").fields().forEachRemaining(e -> {
            if (e.getValue().path("name").asText().equals(type.type())) {
                ids.add(e.getKey());
            }
        });
        assertEquals(1, ids.size(), "messages named " + type.type() + ": " + ids);
        return ids.get(0);
    }

    private static String channelId(String address) {
        String id = channelIds.get(address);
        assertNotNull(id, "no channel with address " + address);
        return id;
    }

    /** Component message ids a channel carries. */
    private static Set<String> channelMessages(String channelId) {
        Set<String> ids = new TreeSet<>();
        doc.at("/channels/" + channelId + "/messages").forEach(m -> {
            String ref = m.get("$ref").asText();
            assertTrue(ref.startsWith("#/components/messages/"), ref);
            ids.add(ref.substring(ref.lastIndexOf('/') + 1));
        });
        return ids;
    }

    /** The services that perform {@code action} on a channel. */
    private static List<String> services(String channelId, String action) {
        List<String> services = new ArrayList<>();
        doc.get("operations").forEach(op -> {
            if (op.get("action").asText().equals(action)
                    && op.at("/channel/$ref").asText().equals("#/channels/" + channelId)) {
                services.add(op.get("x-service").asText());
            }
        });
        return services;
    }

    private static List<String> readTsv() throws IOException {
        try (InputStream in = AsyncApiTest.class.getClassLoader().getResourceAsStream("topics.tsv")) {
            assertNotNull(in, "topics.tsv missing");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
