package org.minqing.events.referral;

import org.minqing.events.JurisdictionCode;

/**
 * A remit rule (转办规则) was set in the piece that owns its scope: the full new rule, so the last
 * event is the whole truth. {@code routingRuleId} is {@code <lineCode>@<scopeCode>} (the message key).
 * Every other piece's referral-service keeps a copy and suggests with it (issue 14, ADR 0024).
 * Envelope jurisdiction = {@code scopeCode}.
 */
public record RoutingRuleChanged(
        String routingRuleId,
        String lineCode,
        @JurisdictionCode String scopeCode,
        Route route,
        String unitId) {
}
