package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.minqing.intake.service.RateLimiter;
import org.minqing.kit.problem.ProblemException;

/**
 * L8: the public endpoints' rate limiter keeps a bounded number of client windows however many
 * addresses call (an attacker rotating IPv6 addresses no longer grows it or makes each request
 * sweep the whole table), limits IPv6 clients per /64, and still limits each client.
 */
class RateLimiterTest {

    private static boolean allowed(RateLimiter limiter, String address) {
        try {
            limiter.check(address);
            return true;
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(429);
            return false;
        }
    }

    @Test
    void memoryStaysBoundedUnderAddressRotation() {
        RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 200_000; i++) {
            assertThat(allowed(limiter, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))).isTrue();
            assertThat(limiter.trackedClients()).isLessThanOrEqualTo(1000);
        }
        assertThat(limiter.trackedClients()).isEqualTo(1000);
    }

    @Test
    void eachClientIsLimitedAndOthersAreNot() {
        RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 30; i++) {
            assertThat(allowed(limiter, "192.0.2.7")).isTrue();
        }
        assertThat(allowed(limiter, "192.0.2.7")).isFalse();
        assertThat(allowed(limiter, "192.0.2.8")).isTrue();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), 1000);
        for (int i = 1; i <= 30; i++) {
            assertThat(allowed(limiter, "2001:db8:1:2::" + Integer.toHexString(i))).isTrue();
        }
        // A fresh address in the same /64 (written in full form) is the same client.
        assertThat(allowed(limiter, "2001:0db8:0001:0002:ffff:eeee:dddd:0001")).isFalse();
        assertThat(allowed(limiter, "2001:db8:1:3::1")).isTrue();
    }
}
