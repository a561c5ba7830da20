package org.minqing.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.kit.tracing.TraceContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 15: a trace goes from the HTTP request through the outbox row (its traceparent column),
 * the relay's PRODUCER span and the Kafka header to the consumer's span and its handler; log lines
 * (JSON where switched on) carry the trace and span ids.
 */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EntityManager em;

    @Test
    void oneTraceFromTheRequestThroughTheOutboxToTheConsumersHandler() {
        UUID widget = UUID.randomUUID();
        OutboxBrokerOutageTest.put(widget, "traced");

        String traceParent = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select trace_parent from outbox_event where message_key = :k")
                .setParameter("k", widget.toString()).getSingleResult());
        assertThat(traceParent).as("the outbox row keeps the writer's trace context").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = TraceContext.traceId(traceParent);
        String writerSpan = traceParent.substring(36, 52);

        String handlerTrace = await().atMost(Duration.ofSeconds(60)).until(() -> appliedTrace(widget), Objects::nonNull);
        assertThat(handlerTrace).as("the consumer's handler runs in the writer's trace").isEqualTo(traceId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            SpanData server = only(trace, SpanKind.SERVER);
            SpanData publish = only(trace, SpanKind.PRODUCER);
            SpanData consume = only(trace, SpanKind.CONSUMER);
            assertThat(server.getName()).contains("/widgets");
            assertThat(server.getSpanId()).as("the row's context is the request's span").isEqualTo(writerSpan);
            assertThat(publish.getName()).isEqualTo("minqing.kit-test.widget publish");
            assertThat(publish.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(consume.getParentSpanId()).as("the consumer continues from the relay's header").isEqualTo(publish.getSpanId());
        });
    }

    @Test
    void jsonLogLinesCarryTheTraceAndSpanIds() throws IOException {
        given().auth().oauth2(ProblemAndScopeTest.C11).post("/widgets/boom").then().statusCode(500);

        SpanData server = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/widgets/boom"))
                .reduce((a, b) -> b).orElse(null), Objects::nonNull);
        ObjectMapper json = new ObjectMapper();
        JsonNode line = null;
        for (String text : Files.readAllLines(Path.of("target/kit-test-json.log"))) {
            JsonNode node = json.readTree(text); // every line is one JSON object
            if (node.path("message").asText().contains("/widgets/boom")
                    && node.path("mdc").path("traceId").asText().equals(server.getTraceId())) {
                line = node;
            }
        }
        assertThat(line).as("a JSON log line of the failed request, with its trace id").isNotNull();
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("mdc").path("spanId").asText()).matches("[0-9a-f]{16}");
    }

    private String appliedTrace(UUID widget) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("select trace_id from widget_applied where widget_id = :w")
                    .setParameter("w", widget).getResultList();
            return rows.isEmpty() ? null : (String) rows.get(0);
        });
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> of = trace.stream().filter(s -> s.getKind() == kind).toList();
        assertThat(of).as(kind + " spans in " + trace).hasSize(1);
        return of.get(0);
    }
}
