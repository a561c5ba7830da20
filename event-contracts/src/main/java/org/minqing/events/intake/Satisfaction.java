package org.minqing.events.intake;

/** The visitor's verdict on the handling (满意度评价). */
public enum Satisfaction {
    SATISFIED,
    BASICALLY_SATISFIED,
    UNSATISFIED
}
