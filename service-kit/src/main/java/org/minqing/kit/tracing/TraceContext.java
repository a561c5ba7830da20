package org.minqing.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of a span, as stored with an outbox row (and a notice) and sent as a
 * Kafka header, and back. Issue 15: a trace crosses the outbox (and notification's queue of
 * notices) because the context is written in the same transaction as the row, not held in memory.
 */
public final class TraceContext {

    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> ONE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return java.util.List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The current span's traceparent, or null when no span is recording (tracing off). */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid (no-op) span context. */
    public static String of(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context a stored traceparent names, to parent a span on; the root context if none or malformed. */
    public static Context parent(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, ONE);
    }

    /** The trace id in a traceparent, or null. */
    public static String traceId(String traceParent) {
        SpanContext c = Span.fromContext(parent(traceParent)).getSpanContext();
        return c.isValid() ? c.getTraceId() : null;
    }
}
