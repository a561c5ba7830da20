package org.minqing.notification.service;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minqing.events.Events;
import org.minqing.notification.CaseRef;
import org.minqing.notification.Channel;
import org.minqing.notification.Preference;
import org.minqing.notification.RecipientKind;
import org.minqing.notification.ReferralRef;
import org.minqing.notification.service.Delivery.Claimed;
import org.minqing.notification.service.Delivery.Outcome;
import org.minqing.notification.service.Delivery.Prepared;

import com.fasterxml.jackson.core.type.TypeReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Prepares a claimed notice (准备通知): finds the recipient and the address for its channel, honours
 * their opt-outs and language, and renders the template; or says why it is not to be sent. A
 * visitor's notice gets a placeholder for the receipt code, filled in only at send time.
 */
@ApplicationScoped
class NoticePreparer {

    /**
     * Stands for the resident's receipt code (回执码) in a rendered visitor notice until send time,
     * when intake-service supplies the code in force; the text with the code is never stored.
     */
    static final String RECEIPT_CODE_SLOT = "\u27e6receipt-code\u27e7";

    @Inject
    Directory directory;
    @Inject
    TemplateRenderer renderer;

    @ConfigProperty(name = "minqing.public-base-url")
    String publicBaseUrl;

    Prepared prepare(Claimed c) {
        Map<String, Object> data = new HashMap<>(readParams(c.params()));
        Directory.Address to;
        String caseId = null;
        switch (c.recipientKind()) {
            case RecipientKind.REPRESENTATIVE, RecipientKind.LIAISON_OFFICER, RecipientKind.UNIT -> {
                // Units come from referral-service's events (issue 14), on another topic than the
                // referral's: a unit not known yet is waited for, like a person.
                boolean unit = RecipientKind.UNIT.equals(c.recipientKind());
                var found = unit ? directory.mailbox(c.recipientKind(), c.recipientId())
                        : directory.person(c.recipientKind(), c.recipientId());
                if (found.isEmpty()) {
                    return Prepared.not(Outcome.retry(unit ? "承办单位尚未同步 / handling unit not known yet: " + c.recipientId()
                            : "收件人尚未登记 / recipient not known yet"));
                }
                if (!found.get().active()) {
                    return Prepared.not(Outcome.skip(unit ? "承办单位已停用 / handling unit deactivated"
                            : "收件人已离任 / recipient no longer active"));
                }
                to = found.get();
            }
            case RecipientKind.SUPERVISOR -> {
                var found = directory.mailbox(c.recipientKind(), c.recipientId());
                if (found.isEmpty()) {
                    return Prepared.not(Outcome.permanent("未配置该单位的联系邮箱 / no mailbox configured for "
                            + c.recipientKind() + " " + c.recipientId()));
                }
                to = found.get();
            }
            case RecipientKind.VISITOR -> {
                CaseRef ref = CaseRef.findById(c.recipientId());
                if (ref == null) {
                    return Prepared.not(Outcome.retry("案件尚未登记 / case not known yet"));
                }
                if (!ref.hasContact) {
                    return Prepared.not(Outcome.skip("来访人未留联系方式 / the visitor left no contact"));
                }
                if (c.channel() == Channel.IN_APP) {
                    return Prepared.not(Outcome.skip("来访人无站内信箱 / visitors have no inbox"));
                }
                // The receipt code is filled in at send time from intake (see send); the links carry it
                // in the fragment, which browsers never send to a server, so no access log records it.
                data.put("receiptCode", RECEIPT_CODE_SLOT);
                data.put("statusUrl", publicBaseUrl + "/public#code=" + RECEIPT_CODE_SLOT);
                data.put("feedbackUrl", publicBaseUrl + "/public#code=" + RECEIPT_CODE_SLOT);
                caseId = ref.caseId;
                to = new Directory.Address("", null, null, null, true);
            }
            default -> {
                return Prepared.not(Outcome.permanent("unknown recipient kind " + c.recipientKind()));
            }
        }
        data.put("recipientName", to.name() == null ? "" : to.name());
        if (data.containsKey("referralId") && !data.containsKey("unitName")) {
            ReferralRef r = ReferralRef.findById(data.get("referralId"));
            data.put("unitName", r == null || r.unitName == null ? "" : r.unitName);
        }
        String language = null;
        if (to.userSubject() != null) {
            Preference pref = Preference.findById(to.userSubject());
            if (pref != null) {
                language = pref.language;
                if (!c.legallyRequired() && !pref.allows(c.channel())) {
                    return Prepared.not(Outcome.skip("收件人已退订该渠道 / the recipient opted out of this channel"));
                }
            }
        }
        String address = switch (c.channel()) {
            case EMAIL -> to.email();
            case SMS -> to.mobile();
            case IN_APP -> to.userSubject();
        };
        if (address == null && caseId == null) {
            return Prepared.not(Outcome.skip("收件人无该渠道地址 / no address for channel " + c.channel()));
        }
        TemplateRenderer.Rendered r = renderer.render(c.eventType(), c.recipientKind(), c.channel(), language, data);
        return new Prepared(address, r.subject(), r.body(), to.userSubject(), caseId, null);
    }

    private static Map<String, Object> readParams(String json) {
        try {
            return Events.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notice params", e);
        }
    }
}
