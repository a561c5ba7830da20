package org.minqing.kit.testapp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;
import org.minqing.testing.NativeKafka;

/** Widget events as another service would send them to {@link WidgetConsumer}, for the consumer tests. */
public final class WidgetEvents {

    private WidgetEvents() {
    }

    public static EventEnvelope changed(UUID widget, int version) {
        return new EventEnvelope(UUID.randomUUID(), "kit-test.widget.changed", 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "310104001001", "widget", widget.toString(),
                widget.toString(), new Actor("test", "community-staff"),
                Events.mapper().createObjectNode().put("widgetId", widget.toString()).put("version", version));
    }

    public static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NativeKafka.shared().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
