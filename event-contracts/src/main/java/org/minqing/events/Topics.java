package org.minqing.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Kafka topic, who writes it and who reads it. Names follow
 * {@code minqing.<producing-service>.<aggregate>}; each consumer has its own dead-letter topic
 * {@code <topic>.dlt.<consuming-service>}. {@code topics.tsv} and {@code asyncapi.yaml} list
 * the same topics (a test keeps the three in step).
 */
public enum Topics {
    RECEPTION_DAY("minqing.representative.reception-day", "representative", "intake", "notification"),
    // referral keeps the representatives it may route through (L11); it ignores their sealed contacts
    REPRESENTATIVE("minqing.representative.representative", "representative", "notification", "referral"),
    CASE("minqing.intake.case", "intake", "representative", "referral", "notification"),
    // The district's lines (条线), key = the line's code: the district's piece is their source, every
    // sub-district's piece's intake applies them (issue 14, ADR 0021). A topic of its own: no other
    // service needs them (referral routes by the line code the case carries).
    INTAKE_REFERENCE("minqing.intake.reference", "intake", "intake"),
    // referral itself: the owning piece applies a 督办单 the district asks for, and the district's
    // piece keeps its read model of the delegated sub-districts' referrals (issue 14, ADR 0020)
    REFERRAL("minqing.referral.referral", "referral", "intake", "representative", "notification", "referral"),
    // Handling units (承办单位) as reference data, key = unitId: notification keeps its unit mailboxes
    // from them (issue 14, ADR 0019). A topic of its own, so a unit's changes stay in order. Referral
    // itself: every piece keeps copies of the units other pieces own (ADR 0024).
    UNIT("minqing.referral.unit", "referral", "notification", "referral"),
    // The district's deadline policies (办理时限) and working calendar (工作日历), key = <kind>/<route> or
    // the year: the district's piece is their source, every sub-district's piece's referral applies them
    // (issue 14, ADR 0021). A topic of its own: notification needs none of it. Also the remit rules,
    // key = <lineCode>@<scopeCode>, which every piece copies from the piece owning their scope (ADR 0024).
    REFERENCE("minqing.referral.reference", "referral", "referral"),
    // Delivery results: no service acts on them today (the console reads notification's own API);
    // published for operations and any later reader, who then declares itself here.
    NOTICE("minqing.notification.notice", "notification");

    public static final int PARTITIONS = 3;
    /** One broker locally; production deployments override this when creating topics. */
    public static final int REPLICAS = 1;
    /** Events are delivered within days; the services keep their own state, so a week is enough to replay. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);
    /** Dead letters wait for an operator, who may be on leave: keep them a month. */
    public static final Duration DLT_RETENTION = Duration.ofDays(30);
    /** Kafka's {@code retention.ms} for "no time limit": a compacted directory keeps each key's latest record. */
    public static final long KEPT = -1;

    private static final String DLT_INFIX = ".dlt.";

    private final String topic;
    private final String producer;
    private final List<String> consumers;

    Topics(String topic, String producer, String... consumers) {
        this.topic = topic;
        this.producer = producer;
        this.consumers = List.of(consumers);
    }

    /** The Kafka topic name. */
    public String topic() {
        return topic;
    }

    /** The only service that writes this topic. */
    public String producer() {
        return producer;
    }

    /** The services that read this topic, each with its own dead-letter topic. */
    public List<String> consumers() {
        return consumers;
    }

    /** The dead-letter topic of {@code consumerService}, which must be a declared consumer. */
    public String dlt(String consumerService) {
        if (!consumers.contains(consumerService)) {
            throw new IllegalArgumentException(
                    consumerService + " does not consume " + topic + " (consumers: " + consumers + ")");
        }
        return topic + DLT_INFIX + consumerService;
    }

    public List<String> dlts() {
        return consumers.stream().map(this::dlt).toList();
    }

    /**
     * Issue 14 (ADR 0022): the directories every piece (部署单元) reads from the beginning, i.e.
     * people, handling units and the district's reference data, are compacted: each record carries
     * the whole new state of its key, so Kafka keeps every key's latest record for as long as the
     * platform runs, and a piece that joins years later still learns every unit and every deputy.
     * The work topics (cases, referrals, reception days, notices) and all dead letters expire.
     */
    public boolean isDirectory() {
        return this == REPRESENTATIVE || this == UNIT || this == REFERENCE || this == INTAKE_REFERENCE;
    }

    public long retentionMs() {
        return isDirectory() ? KEPT : EVENT_RETENTION.toMillis();
    }

    /** Kafka's {@code cleanup.policy}: {@code compact} for a directory, else {@code delete}. */
    public String cleanupPolicy() {
        return isDirectory() ? "compact" : "delete";
    }

    /** Every topic name to create, each event topic followed by its dead-letter topics. */
    public static List<String> allTopicNames() {
        List<String> names = new ArrayList<>();
        for (Topics t : values()) {
            names.add(t.topic);
            names.addAll(t.dlts());
        }
        return List.copyOf(names);
    }

    /** Retention for any name from {@link #allTopicNames()}. */
    public static long retentionMs(String topicName) {
        return isDlt(topicName) ? DLT_RETENTION.toMillis() : forTopic(topicName).retentionMs();
    }

    /** Cleanup policy for any name from {@link #allTopicNames()}: dead letters always expire. */
    public static String cleanupPolicy(String topicName) {
        return isDlt(topicName) ? "delete" : forTopic(topicName).cleanupPolicy();
    }

    public static boolean isDlt(String topicName) {
        return topicName.contains(DLT_INFIX);
    }

    public static Topics forTopic(String topicName) {
        for (Topics t : values()) {
            if (t.topic.equals(topicName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic " + topicName);
    }
}
