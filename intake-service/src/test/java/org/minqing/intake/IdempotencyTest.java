package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** A retried submission from a flaky connection returns the first case, never a second one. */
@QuarkusTest
class IdempotencyTest {

    @Test
    void aRetryWithTheSameKeyReturnsTheSameCase() {
        String marker = unique("idem");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = caseBody(C11, "小区电梯故障 " + marker);
        String token = staff(C11);
        String first = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/cases").then().statusCode(201).extract().path("id");
        String firstCode = as(token).header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/cases").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", is(first)).extract().path("receiptCode");
        assertThat(firstCode).isNotBlank();
        assertThat(count(marker)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        String marker = unique("idem");
        String key = UUID.randomUUID().toString();
        String token = staff(C11);
        as(token).header("Idempotency-Key", key).contentType("application/json").body(caseBody(C11, "第一次 " + marker))
                .post("/cases").then().statusCode(201);
        as(token).header("Idempotency-Key", key).contentType("application/json").body(caseBody(C11, "第二次 " + marker))
                .post("/cases").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("Idempotency-Key"));
        assertThat(count(marker)).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerCaller() {
        String marker = unique("idem");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = caseBody(C11, "路灯不亮 " + marker);
        String a = as(staff(C11)).header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/cases").then().statusCode(201).extract().path("id");
        String b = as(staff(SUB1)).header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/cases").then().statusCode(201).extract().path("id");
        assertThat(a).isNotEqualTo(b);
        assertThat(count(marker)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesStillMakeOneCase() throws Exception {
        String marker = unique("idem");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = caseBody(C11, "并发重试 " + marker);
        String token = staff(C11);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<String>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> as(token).header("Idempotency-Key", key).contentType("application/json")
                        .body(body).post("/cases").then().statusCode(201).extract().<String>path("id")));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : futures) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(marker)).isEqualTo(1);
    }

    private static long count(String marker) {
        return QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker));
    }
}
