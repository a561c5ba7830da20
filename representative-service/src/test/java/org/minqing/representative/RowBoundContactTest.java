package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.minqing.representative.Fixtures.C11;
import static org.minqing.representative.Fixtures.SUB1_STAFF;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** L12: a representative's encrypted phone copied into another representative's row is not read as theirs. */
@QuarkusTest
class RowBoundContactTest {

    @Inject
    EntityManager em;

    @Test
    void aPhoneCiphertextCopiedToAnotherRepresentativeDoesNotDecrypt() {
        UUID a = Fixtures.register("甲代表", "NPC_DEPUTY", C11);
        UUID b = Fixtures.register("乙代表", "NPC_DEPUTY", C11);
        String phoneA = given().auth().oauth2(SUB1_STAFF).get("/representatives/" + a).then().statusCode(200)
                .extract().path("phone");
        String phoneB = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select phone_enc from representative where id = :b").setParameter("b", b).getSingleResult());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update representative b set phone_enc = a.phone_enc from representative a where a.id = :a and b.id = :b""")
                .setParameter("a", a).setParameter("b", b).executeUpdate());
        try {
            Response r = given().auth().oauth2(SUB1_STAFF).get("/representatives/" + b);
            r.then().statusCode(500).body("type", endsWith("/stored-data-unreadable"));
            assertThat(r.asString()).doesNotContain(phoneA);
            given().auth().oauth2(SUB1_STAFF).get("/representatives/" + a).then().statusCode(200).body("phone", is(phoneA));
        } finally {
            // B's own value back, so that lists other tests read in this community stay readable.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update representative set phone_enc = :p where id = :b")
                    .setParameter("p", phoneB).setParameter("b", b).executeUpdate());
        }
    }
}
