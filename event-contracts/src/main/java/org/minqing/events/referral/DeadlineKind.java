package org.minqing.events.referral;

/** Which legal time limit (办理时限) a deadline event is about. */
public enum DeadlineKind {
    /** tell the visitor whether it is accepted (信访工作条例 Art. 23) */
    ACKNOWLEDGE,
    /** resolve after acceptance (Art. 34) */
    RESOLVE,
    /** answer a representative's suggestion (代表法 Art. 51) */
    ANSWER_SUGGESTION,
    /** say "not in our remit" and return it (Art. 23) */
    RETURN,
    /** answer a supervision notice (督办单) by its reply-by date */
    SUPERVISION
}
