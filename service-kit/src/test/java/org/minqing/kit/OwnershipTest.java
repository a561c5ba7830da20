package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minqing.kit.piece.OwnershipTable;
import org.minqing.kit.piece.Piece;
import org.minqing.kit.piece.Piece.Verdict;
import org.minqing.kit.piece.PieceConsumerGroups;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Issue 14: the ownership table, the start-up contradiction check and the piece's consumer groups. */
class OwnershipTest {

    static final String TABLE = "310104=district, 310104001000=sd-310104001";

    static Piece piece(String id, String scope) {
        return Piece.of(TABLE, Optional.ofNullable(id), Optional.ofNullable(scope));
    }

    @Test
    void theLongestPrefixWins() {
        OwnershipTable table = OwnershipTable.parse("31=city;310104=district\n310104001=sd-310104001");
        assertThat(table.problems()).isEmpty();
        assertThat(table.ownerOf("310104001007")).contains("sd-310104001");
        assertThat(table.ownerOf("310104001000")).contains("sd-310104001");
        assertThat(table.ownerOf("310104002007")).contains("district");
        assertThat(table.ownerOf("310104000000")).contains("district");
        assertThat(table.ownerOf("310105001001")).contains("city");
        assertThat(table.ownerOf("320102001001")).isEmpty();
        assertThat(table.rootCandidates()).containsExactly("city");
    }

    @Test
    void eachPieceActsOnlyOnItsOwnJurisdictions() {
        Piece district = piece("district", "310104");
        Piece sub = piece("sd-310104001", "310104001");
        for (String code : List.of("310104001001", "310104001999")) {
            assertThat(district.verdict(code)).isEqualTo(Verdict.OTHER_PIECE);
            assertThat(sub.verdict(code)).isEqualTo(Verdict.MINE);
        }
        for (String code : List.of("310104002001", "310104000000")) {
            assertThat(district.verdict(code)).isEqualTo(Verdict.MINE);
            assertThat(sub.verdict(code)).isEqualTo(Verdict.OTHER_PIECE);
        }
        // outside every entry: nobody's; the root piece dead-letters it, the others skip it
        assertThat(district.verdict("320102001001")).isEqualTo(Verdict.NO_PIECE);
        assertThat(sub.verdict("320102001001")).isEqualTo(Verdict.NO_PIECE);
        assertThat(district.isRoot()).isTrue();
        assertThat(sub.isRoot()).isFalse();
        assertThat(district.contradictions(Map.of("cases", "referral-service"))).isEmpty();
        assertThat(sub.contradictions(Map.of("cases", "referral-service-sd-310104001"))).isEmpty();
    }

    @Test
    void withoutATableTheDeploymentOwnsEverythingAsBefore() {
        Piece single = Piece.of("", Optional.empty(), Optional.empty());
        assertThat(single.ownsEverything()).isTrue();
        assertThat(single.verdict("320102001001")).isEqualTo(Verdict.MINE);
        assertThat(single.groupSuffix()).isEmpty();
        assertThat(single.contradictions(Map.of("cases", "referral-service"))).isEmpty();
    }

    @Test
    void aStartIsRefusedWhenTheSettingsContradictTheTable() {
        // the sub-district's scope, but the district's piece id
        assertThat(piece("district", "310104001").contradictions(Map.of())).anySatisfy(p -> assertThat(p)
                .contains("minqing.piece.scope (MINQING_PIECE_SCOPE)=310104001 belongs to piece 'sd-310104001'")
                .contains("minqing.ownership.table (MINQING_OWNERSHIP_TABLE)")
                .contains("minqing.piece.id (MINQING_PIECE_ID)='district'"));
        // a sub-district piece whose scope the table does not give it
        assertThat(piece("sd-310104001", "310104002").contradictions(Map.of()))
                .anySatisfy(p -> assertThat(p).contains("310104002 belongs to piece 'district'"));
        // a piece the table does not know, and no scope
        assertThat(piece("sd-310104009", null).contradictions(Map.of())).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'sd-310104009' is not a piece of"))
                .anySatisfy(p -> assertThat(p).contains("minqing.piece.scope (MINQING_PIECE_SCOPE) is missing"));
        // a table but no piece id
        assertThat(piece(null, "310104").contradictions(Map.of()))
                .anySatisfy(p -> assertThat(p).contains("minqing.piece.id (MINQING_PIECE_ID) is missing"));
        // a piece without the table would act on everything
        assertThat(Piece.of(" ", Optional.of("sd-310104001"), Optional.of("310104001")).contradictions(Map.of()))
                .singleElement().asString().contains("is empty");
        // the sub-district on the district's consumer groups would take its partitions
        assertThat(piece("sd-310104001", "310104001").contradictions(Map.of("cases", "referral-service")))
                .singleElement().asString().contains("channel 'cases' is 'referral-service'");
        // an entry of the piece outside its scope
        assertThat(Piece.of(TABLE + ",310104009=sd-310104001", Optional.of("sd-310104001"), Optional.of("310104001"))
                .contradictions(Map.of())).singleElement().asString().contains("gives 310104009 to 'sd-310104001'");
    }

    @Test
    void aMalformedOrAmbiguousTableIsRefused() {
        Piece p = Piece.of("310104=district,3101O4001=sd-1,310104=other,310104002,310105=Bad_Id,310106=x",
                Optional.of("district"), Optional.of("310104"));
        List<String> problems = p.contradictions(Map.of());
        assertThat(problems).anySatisfy(s -> assertThat(s).contains("'3101O4001' is not a division-code prefix"))
                .anySatisfy(s -> assertThat(s).contains("prefix 310104 is given to two pieces: district and other"))
                .anySatisfy(s -> assertThat(s).contains("'310104002' is not <prefix>=<piece id>"))
                .anySatisfy(s -> assertThat(s).contains("piece id 'Bad_Id'"))
                .anySatisfy(s -> assertThat(s).contains("the shortest prefixes belong to several pieces [district, x]"));
    }

    @Test
    void aSubDistrictPieceConsumesWithItsOwnGroupsAndTheDistrictKeepsItsNames() {
        Map<String, String> app = new HashMap<>();
        app.put("quarkus.application.name", "referral-service");
        app.put("mp.messaging.incoming.cases.connector", "smallrye-kafka");
        app.put("mp.messaging.incoming.cases.group.id", "referral-service");
        app.put("mp.messaging.incoming.representatives.connector", "smallrye-kafka");
        app.put(Piece.TABLE_KEY, TABLE);

        Map<String, String> sub = new HashMap<>(Map.of(Piece.ID_KEY, "sd-310104001", Piece.SCOPE_KEY, "310104001"));
        SmallRyeConfig subConfig = config(app, sub);
        assertThat(subConfig.getValue("mp.messaging.incoming.cases.group.id", String.class))
                .isEqualTo("referral-service-sd-310104001");
        assertThat(subConfig.getValue("mp.messaging.incoming.representatives.group.id", String.class))
                .isEqualTo("referral-service-sd-310104001");

        SmallRyeConfig districtConfig = config(app, Map.of(Piece.ID_KEY, "district", Piece.SCOPE_KEY, "310104"));
        assertThat(districtConfig.getValue("mp.messaging.incoming.cases.group.id", String.class)).isEqualTo("referral-service");

        // an explicit group from the environment still wins (and the start-up check judges it)
        sub.put("mp.messaging.incoming.cases.group.id", "referral-service-custom");
        assertThat(config(app, sub).getValue("mp.messaging.incoming.cases.group.id", String.class))
                .isEqualTo("referral-service-custom");
    }

    private static SmallRyeConfig config(Map<String, String> app, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(app, "application.properties", 250))
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .withSources(new PieceConsumerGroups())
                .build();
    }
}
