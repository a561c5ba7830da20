package org.minqing.referral.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The repeat-petition similarity on the seed's own example (泾水公寓, 120 households, every month). */
class TextSimilarityTest {

    static final String SEED_ADDRESS = "泾水公寓40号、78号、84号楼";
    static final String SEED_TEXT = "小区南侧新建高楼遮挡采光，40号、78号、84号楼120户居民常年晒不到太阳，要求有关部门解决。";

    /** The same matter told differently each month. */
    static final String[][] REPEATS = {
        { "泾水公寓78号、84号、40号楼", "新建的高楼挡住了泾水公寓三栋楼的采光，120户居民日照严重不足，再次反映要求解决。" },
        { "泾水公寓 40/78/84号楼", "高楼遮挡采光问题至今未解决，120户居民每月都来反映，希望尽快答复。" },
        { "泾水公寓４０号楼、７８号楼、８４号楼", "旁边高楼把我们楼的阳光全挡了，采光太差，120户居民第三次来反映。" },
    };

    /** Same street, different matters. */
    static final String[][] NEAR_MISSES = {
        { "泾水公寓门口", "小区门口占道经营，摊贩堵塞通道，居民出行不便。" },
        { "泾水公寓旁道路", "泾水公寓旁路面坑洼，雨天积水，行人容易摔倒。" },
        { "泾水公寓40号楼", "40号楼电梯经常故障停运，老人上下楼困难。" },
        { "泾水公寓78号楼", "78号楼屋顶漏水，请房管部门维修。" },
    };

    final RepeatMatcher matcher = matcher();

    static RepeatMatcher matcher() {
        RepeatMatcher m = new RepeatMatcher();
        m.minDescription = 0.25;
        m.minAddress = 0.50;
        m.minCombined = 0.45;
        return m;
    }

    @Test
    void chineseIsTokenisedIntoCharactersAndBigramsAndNumbersStayWhole() {
        assertThat(TextSimilarity.tokens("泾水公寓40号、78号楼"))
                .contains("泾水", "水公", "公寓", "40", "78", "号楼", "泾")
                .doesNotContain("、", "4", "0", "40号");
        // full-width digits and ASCII words are normalised; stop characters split runs
        assertThat(TextSimilarity.tokens("４０号楼的Lift")).contains("40", "lift", "号楼").doesNotContain("的", "楼的");
    }

    @Test
    void everyMonthlyRewordingOfTheSeedCaseIsARepeat() {
        for (String[] r : REPEATS) {
            RepeatMatcher.Score s = RepeatMatcher.score(SEED_ADDRESS, SEED_TEXT, r[0], r[1]);
            assertThat(matcher.isRepeat(s, true)).as("%s / %s → %s", r[0], r[1], s).isTrue();
        }
    }

    @Test
    void otherMattersOnTheSameStreetAreNotRepeats() {
        for (String[] r : NEAR_MISSES) {
            RepeatMatcher.Score s = RepeatMatcher.score(SEED_ADDRESS, SEED_TEXT, r[0], r[1]);
            assertThat(matcher.isRepeat(s, true)).as("%s / %s → %s", r[0], r[1], s).isFalse();
        }
    }

    @Test
    void withoutAnAddressTheDescriptionsCarryThePlace() {
        RepeatMatcher.Score same = RepeatMatcher.score(null, "泾水公寓" + SEED_TEXT, null, "泾水公寓" + REPEATS[0][1]);
        assertThat(matcher.isRepeat(same, false)).isTrue();
        RepeatMatcher.Score other = RepeatMatcher.score(null, "泾水公寓" + SEED_TEXT, null, NEAR_MISSES[1][1]);
        assertThat(matcher.isRepeat(other, false)).isFalse();
    }
}
