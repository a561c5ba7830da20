package org.minqing.events.intake;

/** How a case reached intake (受理渠道). */
public enum IntakeChannel {
    RECEPTION_DAY,
    LIAISON_OFFICER,
    HOTLINE,
    ONLINE,
    REPRESENTATIVE_VISIT,
    OPEN311
}
