// The SMS gateway for the bench: answers notification-service's HTTP/JSON adapter (POST /sms/send,
// 200 {"status":"ok"}) and appends "<epoch micros>\t<to>" for every message to a journal file, so
// that Journey.java can match each case (its visitor's unique phone) to the moment its SMS arrived.
// Much cheaper than WireMock's request journal on a 2-core machine. Loopback only.
//   java infra/bench/SmsSink.java --port 22526 --journal /tmp/sms.tsv

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

public class SmsSink {

    static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        int port = 22526;
        Path journal = Path.of("sms-journal.tsv");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--journal" -> journal = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        BufferedWriter out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        AtomicLong count = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.createContext("/sms/send", ex -> {
            long micros = now();
            byte[] body = readAll(ex.getRequestBody());
            Matcher m = TO.matcher(new String(body, StandardCharsets.UTF_8));
            String to = m.find() ? m.group(1) : "?";
            synchronized (out) {
                out.write(micros + "\t" + to + "\n");
            }
            count.incrementAndGet();
            answer(ex, 200, "{\"status\":\"ok\",\"messageId\":\"" + UUID.randomUUID() + "\"}");
        });
        server.createContext("/health", ex -> answer(ex, 200, "{\"received\":" + count.get() + "}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        // Flushed every 50 ms rather than per message: the journal's reader polls anyway.
        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(() -> {
            synchronized (out) {
                try {
                    out.flush();
                } catch (IOException e) {
                    e.printStackTrace();
                }
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        server.start();
        System.out.println("SMS sink on 127.0.0.1:" + port + ", journal " + journal);
    }

    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }
}
