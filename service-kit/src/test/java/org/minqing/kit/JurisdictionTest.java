package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Jurisdiction.Tier;

class JurisdictionTest {

    @Test
    void tiersFollowTheTrailingZeros() {
        assertThat(Jurisdiction.tierOf("310104000000")).isEqualTo(Tier.DISTRICT);
        assertThat(Jurisdiction.tierOf("310104001000")).isEqualTo(Tier.SUBDISTRICT);
        assertThat(Jurisdiction.tierOf("310104001001")).isEqualTo(Tier.COMMUNITY);
        assertThat(Jurisdiction.tierOf("310100000000")).isEqualTo(Tier.CITY);
    }

    @Test
    void containmentIsAPrefixCheck() {
        assertThat(Jurisdiction.contains("310104000000", "310104002001")).isTrue();
        assertThat(Jurisdiction.contains("310104001000", "310104001002")).isTrue();
        assertThat(Jurisdiction.contains("310104001000", "310104002001")).isFalse();
        assertThat(Jurisdiction.contains("310104001001", "310104001002")).isFalse();
        assertThat(Jurisdiction.contains("310104001001", "310104001001")).isTrue();
        assertThat(Jurisdiction.contains("310104001001", "31010400100")).isFalse();
        assertThat(Jurisdiction.contains(null, "310104001001")).isFalse();
    }

    @Test
    void parentsGoOneTierUp() {
        assertThat(Jurisdiction.parent("310104001001")).isEqualTo("310104001000");
        assertThat(Jurisdiction.parent("310104001000")).isEqualTo("310104000000");
        assertThat(Jurisdiction.at("310104001001", Tier.DISTRICT)).isEqualTo("310104000000");
        assertThatThrownBy(() -> Jurisdiction.parent("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
