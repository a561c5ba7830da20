package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.*;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventType;
import org.minqing.events.referral.RepeatLinked;

import io.quarkus.test.junit.QuarkusTest;

/** 重复信访 through the events: the seed's 120 households every month link; other matters on the street do not. */
@QuarkusTest
class RepeatPetitionTest {

    static final String[][] MONTHLY = {
        { "泾水公寓40号、78号、84号楼", "小区南侧新建高楼遮挡采光，40号、78号、84号楼120户居民常年晒不到太阳，要求有关部门解决。" },
        { "泾水公寓78号、84号、40号楼", "新建的高楼挡住了泾水公寓三栋楼的采光，120户居民日照严重不足，再次反映要求解决。" },
        { "泾水公寓 40/78/84号楼", "高楼遮挡采光问题至今未解决，120户居民每月都来反映，希望尽快答复。" },
        { "泾水公寓４０号楼、７８号楼、８４号楼", "旁边高楼把我们楼的阳光全挡了，采光太差，120户居民第三次来反映。" },
    };

    @Test
    void theSeedsMonthlyCaseIsLinkedEveryTimeAndANearMissIsNot() {
        String community = freshCommunity();
        Instant month = Instant.now().minus(90, ChronoUnit.DAYS);
        String first = recordCase(community, "housing", MONTHLY[0][0], MONTHLY[0][1], month);
        String id = referralIdForCase(first);
        route(id, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
        List<String> repeats = new ArrayList<>();
        for (int i = 1; i < MONTHLY.length; i++) {
            String c = recordCase(community, "housing", MONTHLY[i][0], MONTHLY[i][1], month.plus(30L * i, ChronoUnit.DAYS));
            repeats.add(c);
            assertThat(referralIdForCase(c)).as("month %d", i).isEqualTo(id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> countEvents(id, EventType.REFERRAL_REPEAT_LINKED) == 3);
        RepeatLinked last = awaitEvent(id, EventType.REFERRAL_REPEAT_LINKED).payloadAs(RepeatLinked.class);
        assertThat(last.caseId()).isEqualTo(first);
        assertThat(last.repeatCaseId()).isEqualTo(repeats.get(2));
        assertThat(last.repeatCount()).isEqualTo(3);
        assertThat(last.priority()).isEqualTo(4);
        get(id).body("repeatCount", is(3)).body("status", is("REFERRED"));
        assertThat(countEvents(id, EventType.REFERRAL_OPENED)).isEqualTo(1);

        // same community, same line, same estate, another matter: a referral of its own
        String elevator = recordCase(community, "housing", "泾水公寓40号楼", "40号楼电梯经常故障停运，老人上下楼困难。");
        String roof = recordCase(community, "housing", "泾水公寓78号楼", "78号楼屋顶漏水，请房管部门维修。");
        // and the street's other lines
        String stalls = recordCase(community, "urban-management", "泾水公寓门口", "小区门口占道经营，摊贩堵塞通道，居民出行不便。");
        String pothole = recordCase(community, "urban-management", "泾水公寓旁道路", "泾水公寓旁路面坑洼，雨天积水，行人容易摔倒。");
        for (String c : List.of(elevator, roof, stalls, pothole)) {
            String other = referralIdForCase(c);
            assertThat(other).isNotEqualTo(id);
            assertThat(view(other).getString("caseId")).isEqualTo(c);
        }
        get(id).body("repeatCount", is(3));
    }

    @Test
    void twoSimilarCasesArrivingTogetherMakeOneReferral() {
        String community = freshCommunity();
        String a = recordCase(community, "housing", MONTHLY[2][0], MONTHLY[2][1]);
        String b = recordCase(community, "housing", MONTHLY[3][0], MONTHLY[3][1]);
        String id = referralIdForCase(a);
        assertThat(referralIdForCase(b)).isEqualTo(id);
        get(id).body("repeatCount", is(1));
    }

    @Test
    void staffUnlinkAWrongRepeatAndMergeAMissedOne() {
        String community = freshCommunity();
        String first = recordCase(community, "housing", MONTHLY[0][0], MONTHLY[0][1]);
        String id = referralIdForCase(first);
        String second = recordCase(community, "housing", MONTHLY[1][0], MONTHLY[1][1]);
        assertThat(referralIdForCase(second)).isEqualTo(id);

        // unlink: the case gets its own referral in the queue
        given().auth().oauth2(SUB1).post("/referrals/" + id + "/repeats/" + second + "/unlink").then().statusCode(200)
                .body("caseId", is(second)).body("status", is("TO_ROUTE"));
        String split = referralIdForCase(second);
        assertThat(split).isNotEqualTo(id);
        get(id).body("repeatCount", is(0));
        given().auth().oauth2(SUB1).post("/referrals/" + id + "/repeats/" + second + "/unlink").then().statusCode(422);

        // merge it back by hand
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("referralId", split))
                .post("/referrals/" + id + "/merge").then().statusCode(200).body("repeatCount", is(1));
        get(split).body("status", is("CLOSED")).body("mergedInto", is(id));
        assertThat(referralIdForCase(second)).isEqualTo(id);
        awaitEvent(id, EventType.REFERRAL_REPEAT_LINKED);
        awaitEvent(split, EventType.REFERRAL_CLOSED);
    }
}
