package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.NativeKafka;

/**
 * M3/L13: the platform's Kafka authenticates every client (SASL/SCRAM-SHA-512) and authorises by
 * ACL: a service's credentials cannot write another service's topic or read in another's group.
 * Nothing here reaches a topic the platform consumes (every attempt is refused).
 */
@Order(4)
class KafkaAclTest {

    static Properties as(String service) {
        E2ePlatform p = E2ePlatform.get();
        Properties props = p.kafka.clientProperties(service + "-service",
                p.demoSecrets(service).get("MINQING_KAFKA_PASSWORD"));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return props;
    }

    static Throwable produce(Properties props, String topic) {
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            return catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "forged", "{\"forged\":true}"))
                    .get(30, TimeUnit.SECONDS));
        }
    }

    static Throwable rootOrSelf(Throwable t) {
        return t != null && t.getCause() != null && !(t instanceof org.apache.kafka.common.KafkaException) ? t.getCause() : t;
    }

    @Test
    void aServiceCannotWriteAnotherServicesTopic() {
        E2ePlatform.get();
        assertThat(rootOrSelf(produce(as("intake"), "minqing.referral.referral")))
                .as("intake-service writing referral-service's topic").isInstanceOf(TopicAuthorizationException.class);
        assertThat(rootOrSelf(produce(as("referral"), "minqing.intake.case")))
                .as("referral-service forging a case event").isInstanceOf(TopicAuthorizationException.class);
        assertThat(rootOrSelf(produce(as("notification"), "minqing.representative.representative")))
                .as("notification-service writing representatives").isInstanceOf(TopicAuthorizationException.class);
        // A consumer's dead letters belong to that consumer only.
        assertThat(rootOrSelf(produce(as("intake"), "minqing.intake.case.dlt.referral")))
                .as("intake-service writing referral-service's dead letters").isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aServiceCannotReadInAnotherServicesConsumerGroup() {
        Properties props = as("notification");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "referral-service");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("minqing.intake.case"));
            Throwable t = catchThrowable(() -> {
                for (int i = 0; i < 30; i++) {
                    consumer.poll(Duration.ofSeconds(1));
                }
            });
            assertThat(t).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /**
     * Issue 14: a sub-district's piece consumes in groups derived from its piece id
     * ({@code <service>-service-<piece id>}, kit PieceConsumerGroups) with the district's Kafka users:
     * the prefixed group ACLs admit them for their own service, and only for it.
     */
    @Test
    void aPiecesDerivedGroupIsAdmittedForItsOwnServiceOnly() {
        assertThat(pollInGroup(as("referral"), "referral-service-sd-310104001")).as("referral-service in its piece's group")
                .isNull();
        assertThat(pollInGroup(as("notification"), "referral-service-sd-310104001"))
                .as("notification-service in referral's piece group").isInstanceOf(GroupAuthorizationException.class);
    }

    /** Polls the case topic in a group without committing anything; the failure, or null. */
    static Throwable pollInGroup(Properties props, String group) {
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("minqing.intake.case"));
            return catchThrowable(() -> {
                // until the group has its partitions: joining is where a refused group fails
                for (int i = 0; i < 30 && consumer.assignment().isEmpty(); i++) {
                    consumer.poll(Duration.ofSeconds(1));
                }
                if (consumer.assignment().isEmpty()) {
                    throw new AssertionError("no partitions assigned in group " + group);
                }
            });
        }
    }

    @Test
    void aWrongPasswordIsNotLetIn() {
        NativeKafka kafka = E2ePlatform.get().kafka;
        Properties props = kafka.clientProperties("intake-service", "not-the-password");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        assertThat(rootOrSelf(produce(props, "minqing.intake.case"))).isInstanceOf(SaslAuthenticationException.class);
    }
}
