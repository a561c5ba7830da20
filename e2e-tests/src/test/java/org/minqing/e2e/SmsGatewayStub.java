package org.minqing.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** The SMS provider's HTTP/JSON gateway, played by WireMock on loopback; the suite reads what was sent. */
public final class SmsGatewayStub {

    public static final String PATH = "/sms/send";

    private final WireMockServer server;
    private final int port;

    SmsGatewayStub(int port) {
        this.port = port;
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(port));
    }

    void start() {
        server.start();
        accept();
    }

    void stop() {
        server.stop();
    }

    public String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    public void accept() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"ok\",\"messageId\":\"{{randomValue type='UUID'}}\"}")
                .withTransformers("response-template")));
    }

    /** Every SMS the services sent, as the JSON bodies they posted. */
    public List<String> sentBodies() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream().map(LoggedRequest::getBodyAsString).toList();
    }
}
