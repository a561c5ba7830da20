package org.minqing.referral;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a referral (转办件) stands, and which actions each state allows. One table of legal
 * moves, so an illegal one can be refused with the list of what is allowed instead.
 */
public enum ReferralStatus {
    TO_ROUTE(Action.ROUTE),
    REFERRED(Action.ACCEPT, Action.RETURN),
    RETURNED(Action.ROUTE),
    ACCEPTED(Action.PROGRESS, Action.EXTEND, Action.REPLY),
    IN_PROGRESS(Action.PROGRESS, Action.EXTEND, Action.REPLY),
    EXTENDED(Action.PROGRESS, Action.REPLY),
    REPLIED(Action.INFORM_RESIDENT, Action.CLOSE, Action.REOPEN),
    RESIDENT_INFORMED(Action.CLOSE, Action.REOPEN),
    REOPENED(Action.PROGRESS, Action.EXTEND, Action.REPLY),
    CLOSED(Action.REOPEN);

    /** What a person (or an event) can do to a referral. */
    public enum Action {
        ROUTE, ACCEPT, RETURN, PROGRESS, EXTEND, REPLY, INFORM_RESIDENT, CLOSE, REOPEN
    }

    private final Set<Action> allowed;

    ReferralStatus(Action... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(Action action) {
        return allowed.contains(action);
    }

    public List<Action> allowedActions() {
        return List.copyOf(allowed);
    }

    /** States where the handling is still running (not closed). */
    public boolean isOpen() {
        return this != CLOSED;
    }
}
