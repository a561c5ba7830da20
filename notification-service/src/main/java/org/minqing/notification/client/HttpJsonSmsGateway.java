package org.minqing.notification.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.minqing.events.Events;
import org.minqing.notification.config.SmsConfig;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The generic HTTP/JSON SMS adapter: {@code POST url} with
 * {@code {"messageId","to","text","signature","urgent"}}, HTTP Basic credentials and an
 * {@code Idempotency-Key} header. 2xx is sent; 5xx, 408, 429, timeouts and connection errors are
 * retried later; any other answer is a permanent refusal.
 */
@ApplicationScoped
public class HttpJsonSmsGateway implements SmsGateway {

    private final SmsConfig config;
    private final HttpClient http;

    @Inject
    public HttpJsonSmsGateway(SmsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void send(String messageId, String mobile, String text, boolean urgent) throws SmsException {
        String body;
        try {
            body = Events.mapper().writeValueAsString(new SmsRequest(messageId, mobile, text, config.signature(), urgent));
        } catch (JsonProcessingException e) {
            throw new SmsException("cannot serialise SMS request", false, e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", messageId)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (config.username().isPresent()) {
            String basic = config.username().get() + ":" + config.password().orElse("");
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SmsException("SMS gateway timed out after " + config.timeout(), true, e);
        } catch (IOException e) {
            throw new SmsException("SMS gateway unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new SmsException("SMS gateway answered HTTP " + status, retryable, null);
    }

    record SmsRequest(String messageId, String to, String text, String signature, boolean urgent) {
    }
}
