package org.minqing.notification;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reads the inbox's server-sent events line by line, as a browser's EventSource would, for the stream tests. */
final class SseLines {

    private SseLines() {
    }

    /** Opens the stream with the token; each line received is added to {@code lines}. Cancel the future to close it. */
    static CompletableFuture<?> open(HttpClient http, URL streamUrl, String token, List<String> lines) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(streamUrl.toString()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
    }

    static boolean has(List<String> lines, String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }
}
