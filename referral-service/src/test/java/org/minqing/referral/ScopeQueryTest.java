package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.minqing.referral.Fixtures.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.minqing.testing.SqlRecorder;

import io.quarkus.test.junit.QuarkusTest;

/**
 * L9: scope filters are range predicates on the 12-digit code ({@code between lowest and highest}),
 * which a btree index serves under any collation, not {@code LIKE 'prefix%'}, which it does not
 * under the non-C collations production databases use.
 */
@QuarkusTest
class ScopeQueryTest {

    @Test
    void referralListsAndReportsFilterTheScopeWithARange() {
        String caseId = recordCase(freshCommunity(), "housing", null, randomText(30));
        String id = referralIdForCase(caseId);
        List<String> list = SqlRecorder.during("referral", () -> given().auth().oauth2(SUB1).get("/referrals")
                .then().statusCode(200).body("id", hasItem(id)));
        List<String> reports = SqlRecorder.during("(referral|referral_overview|case_overview)", () -> {
            given().auth().oauth2(SUB1).get("/reports/units").then().statusCode(200);
            given().auth().oauth2(SUB1).get("/reports/work").then().statusCode(200);
        });
        assertThat(list).isNotEmpty();
        assertThat(reports).isNotEmpty();
        for (String sql : concat(list, reports)) {
            assertThat(sql).as("scope filter").doesNotContainIgnoringCase(" like ").containsIgnoringCase("between");
        }
        // a neighbour's staff still sees nothing of it
        given().auth().oauth2(SUB2).get("/referrals").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
