package org.minqing.notification.service;

import static org.minqing.notification.service.EncryptedFields.RECIPIENT_EMAIL;
import static org.minqing.notification.service.EncryptedFields.RECIPIENT_MOBILE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.minqing.kit.crypto.FieldCipher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The recipient directory (通讯录): representatives and liaison officers from
 * representative-service's events, their e-mail and mobile encrypted at rest; and the
 * organisational mailboxes of handling units (from referral-service's unit events, issue 14) and
 * of supervisors (edited by ops).
 */
@ApplicationScoped
public class Directory {

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    /** How to reach one recipient, decrypted for the moment of sending. */
    public record Address(String name, String userSubject, String email, String mobile, boolean active) {
    }

    public record MailboxRow(String kind, String key, String name, String email, String mobile, String userSubject,
            boolean active, Instant updatedAt) {
    }

    /** A mobile number SMS can reach (中国大陆手机号, optionally +86); an office landline is not one. */
    private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile("(\\+?86)?1[3-9]\\d{9}");

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertPerson(String kind, String id, String name, String jurisdiction, String userSubject,
            String email, String mobile, boolean active) {
        em.createNativeQuery("""
                insert into person_recipient (kind, id, name, jurisdiction, user_subject, email_enc, mobile_enc, active, updated_at)
                values (:kind, :id, :name, :j, :sub, :email, :mobile, :active, now())
                on conflict (kind, id) do update set name = excluded.name, jurisdiction = excluded.jurisdiction,
                  user_subject = excluded.user_subject, email_enc = excluded.email_enc, mobile_enc = excluded.mobile_enc,
                  active = excluded.active, updated_at = now()""")
                .setParameter("kind", kind).setParameter("id", id).setParameter("name", name)
                .setParameter("j", jurisdiction).setParameter("sub", blankToNull(userSubject))
                .setParameter("email", cipher.encrypt(RECIPIENT_EMAIL.row(kind, id), blankToNull(email)))
                .setParameter("mobile", cipher.encrypt(RECIPIENT_MOBILE.row(kind, id), blankToNull(mobile)))
                .setParameter("active", active)
                .executeUpdate();
    }

    public Optional<Address> person(String kind, String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select name, user_subject, email_enc, mobile_enc, active from person_recipient where kind = :k and id = :id")
                .setParameter("k", kind).setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> new Address((String) r[0], (String) r[1],
                cipher.decrypt(RECIPIENT_EMAIL.row(kind, id), (String) r[2]),
                cipher.decrypt(RECIPIENT_MOBILE.row(kind, id), (String) r[3]), (Boolean) r[4]));
    }

    public Optional<Address> mailbox(String kind, String key) {
        return mailboxRow(kind, key).map(m -> new Address(m.name(), m.userSubject(), m.email(), m.mobile(), m.active()));
    }

    /** Active liaison officers (联络员) of a community. */
    @SuppressWarnings("unchecked")
    public List<String> liaisonOfficers(String communityCode) {
        return em.createNativeQuery("""
                select id from person_recipient
                where kind = 'LIAISON_OFFICER' and jurisdiction = :c and active order by id""")
                .setParameter("c", communityCode).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<MailboxRow> mailboxes() {
        List<Object[]> rows = em.createNativeQuery(
                "select kind, key, name, email, mobile, user_subject, active, updated_at from mailbox order by kind, key")
                .getResultList();
        return rows.stream().map(Directory::mailboxRow).toList();
    }

    @SuppressWarnings("unchecked")
    public Optional<MailboxRow> mailboxRow(String kind, String key) {
        List<Object[]> rows = em.createNativeQuery(
                "select kind, key, name, email, mobile, user_subject, active, updated_at from mailbox where kind = :k and key = :key")
                .setParameter("k", kind).setParameter("key", key).getResultList();
        return rows.stream().findFirst().map(Directory::mailboxRow);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertMailbox(String kind, String key, String name, String email, String mobile, String userSubject) {
        em.createNativeQuery("""
                insert into mailbox (kind, key, name, email, mobile, user_subject, updated_at)
                values (:kind, :key, :name, :email, :mobile, :sub, now())
                on conflict (kind, key) do update set name = excluded.name, email = excluded.email,
                  mobile = excluded.mobile, user_subject = excluded.user_subject, updated_at = now()""")
                .setParameter("kind", kind).setParameter("key", key).setParameter("name", name)
                .setParameter("email", blankToNull(email)).setParameter("mobile", blankToNull(mobile))
                .setParameter("sub", blankToNull(userSubject)).executeUpdate();
    }

    /**
     * A handling unit's mailbox as referral-service last announced it: its name, office e-mail, phone
     * (kept for SMS only if it is a mobile number), account name and whether it is active. A
     * deactivated unit keeps its row (the history of its notices) but receives nothing new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertUnitMailbox(String unitId, String name, String email, String phone, String userSubject,
            boolean active) {
        String mobile = phone == null ? null : phone.replaceAll("[\\s-]", "");
        em.createNativeQuery("""
                insert into mailbox (kind, key, name, email, mobile, user_subject, active, updated_at)
                values ('UNIT', :key, :name, :email, :mobile, :sub, :active, now())
                on conflict (kind, key) do update set name = excluded.name, email = excluded.email,
                  mobile = excluded.mobile, user_subject = excluded.user_subject, active = excluded.active,
                  updated_at = now()""")
                .setParameter("key", unitId).setParameter("name", name)
                .setParameter("email", blankToNull(email))
                .setParameter("mobile", mobile != null && MOBILE.matcher(mobile).matches() ? mobile : null)
                .setParameter("sub", blankToNull(userSubject)).setParameter("active", active).executeUpdate();
    }

    private static MailboxRow mailboxRow(Object[] r) {
        Object at = r[7];
        Instant updated = at instanceof Instant i ? i
                : at instanceof java.sql.Timestamp t ? t.toInstant()
                : at instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
        return new MailboxRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (Boolean) r[6], updated);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
