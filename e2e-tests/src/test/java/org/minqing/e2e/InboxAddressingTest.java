package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;
import static org.minqing.testing.DemoRealm.C12;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * M6 with real Keycloak tokens (whose {@code sub} is a UUID, not the user name): a referral routed
 * to unit.housing reaches unit.housing's in-app inbox and its live stream, addressed through the
 * unit's mailbox by account name.
 */
@Order(2)
class InboxAddressingTest {

    @Test
    void unitHousingSeesItsReferralNoticeInItsInboxAndStream() {
        // a fresh sign-in: the stream lasts only as long as its token (L6), a cached one may be old
        String token = Sso.passwordGrant("unit.housing", "demo").then().statusCode(200).extract().path("access_token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        // the premise of M6: the subject is Keycloak's user id, not the account name the notice is addressed to
        assertThat(payload).contains("\"preferred_username\":\"unit.housing\"").doesNotContain("\"sub\":\"unit.housing\"");

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("notification", "/inbox/stream")))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<?> stream = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        try {
            eventually().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));

            // Another community and estate than the seed story's 泾水公寓 cases, which would otherwise be
            // linked to this open referral as repeats (same community and line, similar words).
            Map<String, Object> body = Api.hotlineCase(C12, "housing", "梧桐苑7号楼外墙瓷砖脱落，存在安全隐患 " + UUID.randomUUID(),
                    Api.freshPhone(), Api.freshIdNumber());
            String caseId = Api.recordCase("c12.staff", body).then().statusCode(201).extract().path("id");
            String referralId = eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                    .get(0).get("id").toString();
            as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                    .post(url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200);

            // the in-app referral notice (转办通知, its title names the case) is in unit.housing's inbox ...
            String noticeId = eventually().until(() -> {
                List<Map<String, Object>> inbox = as("unit.housing").queryParam("limit", 200).get(url("notification", "/inbox"))
                        .then().statusCode(200).extract().jsonPath().getList("$");
                return inbox.stream().filter(i -> "referral.referral.referred".equals(i.get("eventType"))
                        && String.valueOf(i.get("title")).contains(caseId))
                        .map(i -> String.valueOf(i.get("id"))).findFirst().orElse(null);
            }, id -> id != null);
            // ... and came down its live stream
            eventually().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains(noticeId)));
            as("unit.housing").body("{}").post(url("notification", "/inbox/" + noticeId + "/read")).then().statusCode(200);
            // nobody else's inbox has it
            as("unit.city").queryParam("limit", 200).get(url("notification", "/inbox")).then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(noticeId)));
        } finally {
            stream.cancel(true);
        }
    }
}
