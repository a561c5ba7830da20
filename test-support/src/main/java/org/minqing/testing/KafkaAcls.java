package org.minqing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * M3/L13: the Kafka ACLs of the platform, derived from topics.tsv and the topic rule (ADR 0003):
 * {@code minqing.<producer>.<aggregate>} is written by {@code <producer>-service}; each consumer
 * {@code <c>} of a topic has the dead-letter topic {@code <topic>.dlt.<c>}, which it writes, and it
 * reads the topic in its consumer groups (prefix {@code <c>-service}). The same rule is applied by
 * infra/local/lib.sh (local platform) and infra/k8s/base/kafka-topics/create-topics.sh (clusters).
 */
public final class KafkaAcls {

    private static final Pattern DLT = Pattern.compile("^(minqing\\.[a-z0-9-]+\\.[a-z0-9-]+)\\.dlt\\.([a-z0-9-]+)$");
    private static final Pattern TOPIC = Pattern.compile("^minqing\\.([a-z0-9-]+)\\.[a-z0-9-]+$");

    private KafkaAcls() {
    }

    public static List<String> topics(Path tsv) {
        List<String> topics = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    topics.add(line.split("\t")[0].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /** One grant: principal (service name without "-service"), operation, resource type, name. */
    public record Grant(String service, AclOperation operation, ResourceType type, String name) {
    }

    public static List<Grant> grants(List<String> topics) {
        Set<Grant> out = new LinkedHashSet<>();
        for (String t : topics) {
            Matcher dlt = DLT.matcher(t);
            if (dlt.matches()) {
                String consumer = dlt.group(2);
                out.add(new Grant(consumer, AclOperation.WRITE, ResourceType.TOPIC, t));
                out.add(new Grant(consumer, AclOperation.DESCRIBE, ResourceType.TOPIC, t));
                out.add(new Grant(consumer, AclOperation.READ, ResourceType.TOPIC, dlt.group(1)));
                out.add(new Grant(consumer, AclOperation.DESCRIBE, ResourceType.TOPIC, dlt.group(1)));
                out.add(new Grant(consumer, AclOperation.READ, ResourceType.GROUP, consumer + "-service"));
                continue;
            }
            Matcher own = TOPIC.matcher(t);
            if (own.matches()) {
                out.add(new Grant(own.group(1), AclOperation.WRITE, ResourceType.TOPIC, t));
                out.add(new Grant(own.group(1), AclOperation.DESCRIBE, ResourceType.TOPIC, t));
            }
        }
        return new ArrayList<>(out);
    }

    public static List<AclBinding> bindings(List<String> topics) {
        // Groups by prefix: a service's own groups are <name>-service and <name>-service-<suffix>.
        return grants(topics).stream().map(g -> new AclBinding(
                new ResourcePattern(g.type(), g.name(),
                        g.type() == ResourceType.GROUP ? PatternType.PREFIXED : PatternType.LITERAL),
                new AccessControlEntry("User:" + g.service() + "-service", "*", g.operation(), AclPermissionType.ALLOW)))
                .toList();
    }
}
