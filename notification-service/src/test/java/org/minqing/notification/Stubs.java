package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Talks to the WireMock stand-ins through their admin API (works whatever class loader runs the test). */
public final class Stubs {

    private Stubs() {
    }

    public static WireMock wireMock() {
        URI sms = URI.create(ConfigProvider.getConfig().getValue("minqing.sms.url", String.class));
        return new WireMock(sms.getHost(), sms.getPort());
    }

    /** SMS requests the gateway received for one mobile number. */
    public static List<LoggedRequest> smsTo(String mobile) {
        return wireMock().find(postRequestedFor(urlEqualTo(ExternalStubsResource.SMS_PATH))
                .withRequestBody(matchingJsonPath("$.to", WireMock.equalTo(mobile))));
    }

    /**
     * Makes the SMS gateway answer one mobile number with {@code response}, ahead of the catch-all success
     * stub (priority 1 beats its 10); the other numbers are unaffected.
     */
    public static StubMapping smsAnswers(String mobile, ResponseDefinitionBuilder response) {
        return wireMock().register(post(urlEqualTo(ExternalStubsResource.SMS_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", WireMock.equalTo(mobile))).willReturn(response));
    }
}
