package org.minqing.events.representative;

/** Which of the 两代表一委员 a representative is. */
public enum RepresentativeKind {
    /** 人大代表 */
    NPC_DEPUTY,
    /** 党代表 */
    PARTY_DELEGATE,
    /** 政协委员 */
    CPPCC_MEMBER
}
