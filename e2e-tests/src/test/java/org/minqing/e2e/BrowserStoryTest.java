package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The seed's story through the staff console in Debian's Chromium, signed in through the real
 * Keycloak login page; every screen checked with axe-core and kept as a screenshot
 * (target/screenshots/). Runs after the API-level story and before the fault drills.
 */
@Order(6)
class BrowserStoryTest {

    @AfterAll
    static void closeBrowser() {
        Chromium.close();
    }

    @Test
    @Order(1)
    void aCommunityClerkSignsInThroughKeycloak() {
        try (ConsoleUser clerk = ConsoleUser.signIn("c11.staff")) {
            clerk.screen("home");
            assertThat(clerk.menuEntries()).contains("intake", "cases").doesNotContain("referrals", "handling", "supervision");
            clerk.menu("intake");
            clerk.byTestId("intake-save").waitFor();
            clerk.screen("intake-desk");
        }
    }
}
