package org.minqing.notification.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.minqing.events.Events;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Turns an event into notice rows using the routing table (通知路由表, kept as data): for each
 * rule of the event type, each recipient of that kind, each channel. Rows are keyed by
 * (event, recipient, channel), so planning the same event twice adds nothing. Addresses are
 * resolved only when sending.
 */
@ApplicationScoped
public class NoticePlanner {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    DispatchSignal signal;

    public record Rule(String eventType, String recipientKind, List<Channel> channels, boolean legallyRequired,
            boolean urgent) {
    }

    /** What one event means for notices: its identity, template data and recipients by kind. */
    public record Plan(UUID sourceEventId, String eventType, String correlationId, String jurisdiction,
            boolean urgent, Map<String, Object> params, Map<String, List<String>> recipients) {
    }

    /**
     * The routing table by event type, read once per type (issue 16: it was read for every event).
     * The table changes only by migration, i.e. with a new release and a restart.
     */
    private final Map<String, List<Rule>> rulesByType = new ConcurrentHashMap<>();

    public List<Rule> rules(String eventType) {
        List<Rule> cached = rulesByType.get(eventType);
        if (cached == null) {
            cached = readRules(eventType);
            rulesByType.putIfAbsent(eventType, cached);
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    private List<Rule> readRules(String eventType) {
        List<Object[]> rows = em.createNativeQuery("""
                select event_type, recipient_kind, channels, legally_required, urgent
                from routing_rule where event_type = :t order by recipient_kind""")
                .setParameter("t", eventType).getResultList();
        List<Rule> rules = new ArrayList<>();
        for (Object[] r : rows) {
            List<Channel> channels = new ArrayList<>();
            for (String c : ((String) r[2]).split(",")) {
                if (!c.isBlank()) {
                    channels.add(Channel.valueOf(c.trim()));
                }
            }
            rules.add(new Rule((String) r[0], (String) r[1], List.copyOf(channels), (Boolean) r[3], (Boolean) r[4]));
        }
        return List.copyOf(rules);
    }

    /** Writes the notices of one event; returns how many rows were new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int plan(Plan plan) {
        int created = 0;
        String params = json(plan.params());
        // Issue 15: the event's trace, carried to the send however late it happens.
        String traceParent = org.minqing.kit.tracing.TraceContext.current();
        for (Rule rule : rules(plan.eventType())) {
            for (String recipient : plan.recipients().getOrDefault(rule.recipientKind(), List.of())) {
                if (recipient == null || recipient.isBlank()) {
                    continue;
                }
                for (Channel channel : rule.channels()) {
                    created += em.createNativeQuery("""
                            insert into notice (id, source_event_id, source_event_type, correlation_id, jurisdiction,
                              recipient_kind, recipient_id, channel, legally_required, urgent, params, state, attempts,
                              next_attempt_at, created_at, trace_parent)
                            values (:id, :src, :type, :corr, :j, :kind, :rid, :ch, :legal, :urgent, :params, 'PENDING', 0,
                              :now, :now, :trace)
                            on conflict on constraint notice_once do nothing""")
                            .setParameter("id", UUID.randomUUID())
                            .setParameter("src", plan.sourceEventId())
                            .setParameter("type", plan.eventType())
                            .setParameter("corr", plan.correlationId())
                            .setParameter("j", plan.jurisdiction())
                            .setParameter("kind", rule.recipientKind())
                            .setParameter("rid", recipient)
                            .setParameter("ch", channel.name())
                            .setParameter("legal", rule.legallyRequired())
                            .setParameter("urgent", rule.urgent() || plan.urgent())
                            .setParameter("params", params)
                            .setParameter("now", clock.instant())
                            .setParameter("trace", traceParent)
                            .executeUpdate();
                }
            }
        }
        if (created > 0) {
            signal.afterCommit();
        }
        return created;
    }

    public static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1].toString());
        }
        return m;
    }

    private static String json(Map<String, Object> params) {
        try {
            return Events.mapper().writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
