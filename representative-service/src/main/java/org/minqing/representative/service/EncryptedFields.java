package org.minqing.representative.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minqing.kit.crypto.EncryptedColumn;
import org.minqing.kit.crypto.EncryptedTable;
import org.minqing.kit.crypto.EncryptedTables;

/** Representative-service's encrypted columns (L12): each value is bound to its table, column and row id. */
@ApplicationScoped
public class EncryptedFields implements EncryptedTables {

    public static final EncryptedTable REPRESENTATIVE = EncryptedTable.of("representative", "id", "phone_enc", "email_enc");
    public static final EncryptedColumn REPRESENTATIVE_PHONE = REPRESENTATIVE.column("phone_enc");
    public static final EncryptedColumn REPRESENTATIVE_EMAIL = REPRESENTATIVE.column("email_enc");

    public static final EncryptedTable LIAISON_OFFICER = EncryptedTable.of("liaison_officer", "id", "phone_enc", "email_enc");
    public static final EncryptedColumn LIAISON_OFFICER_PHONE = LIAISON_OFFICER.column("phone_enc");
    public static final EncryptedColumn LIAISON_OFFICER_EMAIL = LIAISON_OFFICER.column("email_enc");

    public static final EncryptedTable VOTER_CONTACT = EncryptedTable.of("voter_contact", "id", "name_enc", "phone_enc");
    public static final EncryptedColumn VOTER_NAME = VOTER_CONTACT.column("name_enc");
    public static final EncryptedColumn VOTER_PHONE = VOTER_CONTACT.column("phone_enc");

    @Override
    public List<EncryptedTable> tables() {
        return List.of(REPRESENTATIVE, LIAISON_OFFICER, VOTER_CONTACT);
    }
}
