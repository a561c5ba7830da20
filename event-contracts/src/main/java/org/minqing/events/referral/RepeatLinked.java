package org.minqing.events.referral;

/**
 * A repeat petition (重复信访) was linked to the open referral: {@code caseId} is the original
 * case, {@code repeatCaseId} the new one; the priority rises with each repeat.
 */
public record RepeatLinked(
        String referralId,
        String caseId,
        String repeatCaseId,
        int repeatCount,
        int priority) {
}
