package org.minqing.notification.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.minqing.kit.crypto.Masking;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.client.IntakeContactsClient;
import org.minqing.notification.client.SmsGateway;
import org.minqing.notification.service.Delivery.Claimed;
import org.minqing.notification.service.Delivery.Kind;
import org.minqing.notification.service.Delivery.Outcome;
import org.minqing.notification.service.Delivery.Prepared;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands a prepared notice to its channel (发送): e-mail through SMTP, SMS through the gateway (the
 * notice id as its idempotency key), in-app by recording it. A visitor's contact and receipt code
 * are fetched from intake-service at this moment, used once and never stored.
 */
@ApplicationScoped
class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);

    @Inject
    Mailer mailer;
    @Inject
    SmsGateway sms;
    @Inject
    @RestClient
    IntakeContactsClient intake;

    /**
     * Residents' contacts fetched for a batch just before its sends (issue 16), held in memory for
     * those sends only. Empty when the batch has no resident notice or the batch call failed: then
     * each notice asks on its own, as before.
     */
    record Prefetched(Map<String, IntakeContactsClient.CaseContacts> found, Set<String> missing) {
        static final Prefetched NONE = new Prefetched(Map.of(), Set.of());
    }

    /** One call per {@link IntakeContactsClient#MAX_BATCH} resident notices of the batch, instead of one each. */
    Prefetched prefetch(List<Claimed> batch, List<Prepared> prepared) {
        List<IntakeContactsClient.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = prepared.get(i);
            if (p.outcome() == null && p.caseId() != null) {
                wanted.add(new IntakeContactsClient.Wanted(p.caseId(), purpose(batch.get(i))));
            }
        }
        if (wanted.isEmpty()) {
            return Prefetched.NONE;
        }
        Map<String, IntakeContactsClient.CaseContacts> found = new HashMap<>();
        Set<String> missing = new HashSet<>();
        try {
            for (int from = 0; from < wanted.size(); from += IntakeContactsClient.MAX_BATCH) {
                List<IntakeContactsClient.Wanted> part = wanted.subList(from,
                        Math.min(wanted.size(), from + IntakeContactsClient.MAX_BATCH));
                IntakeContactsClient.ContactsBatch answer = intake.contactsOf(new IntakeContactsClient.ContactsQuery(part));
                if (answer.cases() != null) {
                    answer.cases().forEach(k -> found.put(k.caseId(), k));
                }
                if (answer.missing() != null) {
                    missing.addAll(answer.missing());
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("batch contact look-up failed (%s); each notice asks on its own", e.getClass().getSimpleName());
            return Prefetched.NONE;
        }
        return new Prefetched(found, missing);
    }

    /** The purpose (ASCII: also sent as a header) that goes into intake-service's personal-data access log. */
    private static String purpose(Claimed c) {
        return "notify the visitor: " + c.eventType() + " notice " + c.id();
    }

    Outcome send(Claimed c, Prepared p, Prefetched prefetched) {
        String address = p.address();
        String subject = p.subject();
        String body = p.body();
        if (p.caseId() != null) {
            // The resident's contact: fetched from intake-service now, used once, never stored.
            IntakeContactsClient.CaseContacts contacts = prefetched.found().get(p.caseId());
            if (contacts == null && prefetched.missing().contains(p.caseId())) {
                return Outcome.permanent("intake-service 拒绝提供联系方式 / intake-service has no such case for this service");
            }
            try {
                if (contacts == null) {
                    contacts = intake.contacts(p.caseId(), purpose(c));
                }
            } catch (jakarta.ws.rs.WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 404 || status == 403) {
                    return Outcome.permanent("intake-service 拒绝提供联系方式 / intake-service answered HTTP " + status);
                }
                return Outcome.retry("无法获取来访人联系方式 / intake-service answered HTTP " + status);
            } catch (RuntimeException e) {
                return Outcome.retry("无法获取来访人联系方式 / intake-service contact look-up failed: " + e.getMessage());
            }
            address = contacts == null || contacts.contacts() == null ? null : contacts.contacts().stream()
                    .map(x -> c.channel() == Channel.SMS ? x.phone() : x.email())
                    .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
            if (address == null) {
                return Outcome.skip("来访人未留该渠道联系方式 / the visitor left no address for " + c.channel());
            }
            String code = contacts.receiptCode();
            if (code == null || code.isBlank()) {
                return Outcome.retry("intake-service 未提供回执码 / intake-service gave no receipt code");
            }
            subject = subject == null ? null : subject.replace(NoticePreparer.RECEIPT_CODE_SLOT, code);
            body = body == null ? null : body.replace(NoticePreparer.RECEIPT_CODE_SLOT, code);
        }
        try {
            switch (c.channel()) {
                case EMAIL -> mailer.send(Mail.withText(address, subject, body)
                        .addHeader("X-Minqing-Notice-Id", c.id().toString()));
                case SMS -> sms.send(c.id().toString(), address, body, c.urgent());
                case IN_APP -> {
                    // stored with the outcome; the inbox and its stream read it from there
                }
            }
            return new Outcome(Kind.SENT, mask(c.channel(), address));
        } catch (SmsGateway.SmsException e) {
            return e.retryable() ? Outcome.retry(e.getMessage()) : Outcome.permanent(e.getMessage());
        } catch (RuntimeException e) {
            // The relay's reply usually quotes the recipient; record() masks it (M9).
            return Outcome.retry("邮件发送失败 / mail delivery failed: " + describe(e));
        }
    }

    /** The exception's message and, when it wraps another, the innermost cause's (the server's reply). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (" + root.getMessage() + ")";
    }

    private static String mask(Channel channel, String address) {
        return switch (channel) {
            case EMAIL -> Masking.email(address);
            case SMS -> Masking.phone(address);
            case IN_APP -> address;
        };
    }
}
