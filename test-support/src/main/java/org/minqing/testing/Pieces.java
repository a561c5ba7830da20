package org.minqing.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Issue 14: the demo district's ownership table with sub-district 310104001 running its own piece
 * (部署单元), and the test profiles that start a service as one piece or the other.
 */
public final class Pieces {

    /** The district's piece is the table's root; 310104001's communities belong to its own piece. */
    public static final String TABLE = "310104=district,310104001=sd-310104001";
    public static final String SUB_DISTRICT_PIECE = "sd-310104001";

    private Pieces() {
    }

    /** The district's deployment, knowing that 310104001 runs its own piece. */
    public static class DistrictPiece implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minqing.ownership.table", TABLE, "minqing.piece.id", "district", "minqing.piece.scope", "310104");
        }
    }

    /** Sub-district 310104001's own deployment. */
    public static class SubDistrictPiece implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minqing.ownership.table", TABLE, "minqing.piece.id", SUB_DISTRICT_PIECE,
                    "minqing.piece.scope", "310104001000");
        }
    }
}
