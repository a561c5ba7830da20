package org.minqing.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * Issue 15: a minimal OTLP/HTTP (protobuf) trace receiver, so that the suite collects the services'
 * spans as a collector would: POST /v1/traces with an ExportTraceServiceRequest. Only the fields
 * the tests read are decoded (service.name, trace/span/parent ids, name, kind, string attributes).
 */
final class OtlpReceiver {

    /** One received span. kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (OTLP's SpanKind). */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
                // Only traces are exported (OTel metrics and logs are off), to /v1/traces.
                if ("POST".equals(exchange.getRequestMethod())) {
                    spans.addAll(decodeRequest(body));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0); // an empty ExportTraceServiceResponse
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Span> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    // --- protobuf wire format, just enough of opentelemetry/proto/collector/trace/v1 ---

    static List<Span> decodeRequest(byte[] request) {
        List<Span> out = new ArrayList<>();
        for (Field resourceSpans : fields(request)) {
            if (resourceSpans.number != 1) {
                continue;
            }
            String service = "";
            List<byte[]> scopeSpans = new ArrayList<>();
            for (Field f : fields(resourceSpans.bytes)) {
                if (f.number == 1) { // Resource
                    service = attributes(f.bytes, 1).getOrDefault("service.name", "");
                } else if (f.number == 2) {
                    scopeSpans.add(f.bytes);
                }
            }
            for (byte[] scope : scopeSpans) {
                for (Field f : fields(scope)) {
                    if (f.number == 2) {
                        out.add(span(service, f.bytes));
                    }
                }
            }
        }
        return out;
    }

    private static Span span(String service, byte[] bytes) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint;
                default -> {
                }
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, attributes(bytes, 9));
    }

    /** KeyValue fields numbered {@code number} in a message: key (1) and AnyValue (2) of which string_value (1). */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> out = new HashMap<>();
        for (Field f : fields(message)) {
            if (f.number != number) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field kv : fields(f.bytes)) {
                if (kv.number == 1) {
                    key = new String(kv.bytes, StandardCharsets.UTF_8);
                } else if (kv.number == 2) {
                    for (Field any : fields(kv.bytes)) {
                        if (any.number == 1 && any.bytes != null) {
                            value = new String(any.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            if (key != null && value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] b) {
        List<Field> out = new ArrayList<>();
        int[] pos = { 0 };
        while (pos[0] < b.length) {
            long tag = varint(b, pos);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> out.add(new Field(number, varint(b, pos), null));
                case 1 -> {
                    out.add(new Field(number, 0, java.util.Arrays.copyOfRange(b, pos[0], pos[0] + 8)));
                    pos[0] += 8;
                }
                case 2 -> {
                    int len = (int) varint(b, pos);
                    out.add(new Field(number, 0, java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len)));
                    pos[0] += len;
                }
                case 5 -> {
                    out.add(new Field(number, 0, java.util.Arrays.copyOfRange(b, pos[0], pos[0] + 4)));
                    pos[0] += 4;
                }
                default -> throw new IllegalArgumentException("unsupported wire type in field " + number);
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos[0]++];
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
