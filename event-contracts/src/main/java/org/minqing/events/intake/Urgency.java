package org.minqing.events.intake;

/** Whether a case needs handling ahead of the normal deadlines (紧急程度). */
public enum Urgency {
    NORMAL,
    URGENT
}
