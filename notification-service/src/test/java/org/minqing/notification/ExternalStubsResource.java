package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server standing in for the SMS gateway ({@code POST /sms/send}, 200 unless a test
 * says otherwise) and for intake-service's internal contact look-up ({@code /intake/...}).
 */
public class ExternalStubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String SMS_PATH = "/sms/send";
    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            defaultStubs();
        }
        return server;
    }

    /** The gateway accepts every message unless a test stubs something more specific. */
    public static void defaultStubs() {
        server.stubFor(post(urlEqualTo(SMS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"ACCEPTED\"}")));
    }

    @Override
    public Map<String, String> start() {
        String base = "http://127.0.0.1:" + server().port();
        return Map.of(
                "minqing.sms.url", base + SMS_PATH,
                "minqing.intake.url", base + "/intake");
    }

    @Override
    public void stop() {
        // shared for the whole JVM
    }
}
