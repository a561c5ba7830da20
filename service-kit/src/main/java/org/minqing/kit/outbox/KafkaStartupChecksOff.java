package org.minqing.kit.outbox;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Issue 15: turns the startup health check off on every incoming Kafka channel of the service
 * ({@code quarkus.messaging.health."<channel>".startup.enabled=false}), found from its
 * {@code mp.messaging.incoming.<channel>.connector} settings. That check is DOWN while no broker
 * connection exists, so a pod (re)started during a broker outage would never pass its startup
 * probe and be killed in a loop, though it could serve the API (writes go to the outbox). The
 * readiness checks are off connector-wide ({@code health-readiness-enabled=false}); liveness stays.
 * A low ordinal: a service may set the property itself.
 */
public class KafkaStartupChecksOff implements ConfigSourceFactory {

    private static final Pattern CHANNEL = Pattern.compile("^(?:%[^.]+\\.)?mp\\.messaging\\.incoming\\.([^.]+)\\.connector$");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext();) {
            Matcher m = CHANNEL.matcher(names.next());
            if (m.matches()) {
                properties.put("quarkus.messaging.health.\"" + m.group(1) + "\".startup.enabled", "false");
            }
        }
        return List.of(new PropertiesConfigSource(properties, "minqing-kafka-startup-checks-off", 60));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(60);
    }
}
