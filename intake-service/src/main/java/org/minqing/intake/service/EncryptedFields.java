package org.minqing.intake.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minqing.kit.crypto.EncryptedColumn;
import org.minqing.kit.crypto.EncryptedTable;
import org.minqing.kit.crypto.EncryptedTables;

/** Intake's encrypted columns (L12): each value is bound to its table, column and row id. */
@ApplicationScoped
public class EncryptedFields implements EncryptedTables {

    public static final EncryptedTable CASE = EncryptedTable.of("intake_case", "id", "receipt_code_enc");
    public static final EncryptedColumn RECEIPT_CODE = CASE.column("receipt_code_enc");

    public static final EncryptedTable VISITOR = EncryptedTable.of("case_visitor", "id",
            "name_enc", "phone_enc", "id_number_enc", "email_enc").withKeyIdColumn("key_id");
    public static final EncryptedColumn VISITOR_NAME = VISITOR.column("name_enc");
    public static final EncryptedColumn VISITOR_PHONE = VISITOR.column("phone_enc");
    public static final EncryptedColumn VISITOR_ID_NUMBER = VISITOR.column("id_number_enc");
    public static final EncryptedColumn VISITOR_EMAIL = VISITOR.column("email_enc");

    @Override
    public List<EncryptedTable> tables() {
        return List.of(CASE, VISITOR);
    }
}
