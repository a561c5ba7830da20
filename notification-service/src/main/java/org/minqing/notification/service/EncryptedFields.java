package org.minqing.notification.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minqing.kit.crypto.EncryptedColumn;
import org.minqing.kit.crypto.EncryptedTable;
import org.minqing.kit.crypto.EncryptedTables;

/**
 * Notification's encrypted columns (L12): the directory's contacts, each bound to its table, column
 * and row ({@code kind/id}, e.g. {@code REPRESENTATIVE/3f…}).
 */
@ApplicationScoped
public class EncryptedFields implements EncryptedTables {

    public static final EncryptedTable PERSON_RECIPIENT = new EncryptedTable("person_recipient", List.of("kind", "id"), null,
            List.of("email_enc", "mobile_enc"));
    public static final EncryptedColumn RECIPIENT_EMAIL = PERSON_RECIPIENT.column("email_enc");
    public static final EncryptedColumn RECIPIENT_MOBILE = PERSON_RECIPIENT.column("mobile_enc");

    @Override
    public List<EncryptedTable> tables() {
        return List.of(PERSON_RECIPIENT);
    }
}
