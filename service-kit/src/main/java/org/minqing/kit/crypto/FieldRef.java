package org.minqing.kit.crypto;

/**
 * Which stored value a ciphertext belongs to: table, column and the row's id. {@link FieldCipher}
 * binds it into the AES-GCM tag (associated data, L12), so a ciphertext copied to another row,
 * column or table does not decrypt. Obtained from an {@link EncryptedColumn}, e.g.
 * {@code VISITOR_PHONE.row(visitor.id)}, never from loose strings.
 */
public record FieldRef(String table, String column, String rowId) {

    public FieldRef {
        if (table == null || table.isBlank() || column == null || column.isBlank() || rowId == null || rowId.isBlank()) {
            throw new IllegalArgumentException("a field reference needs a table, a column and a row id");
        }
    }

    @Override
    public String toString() {
        return table + "." + column + "[" + rowId + "]";
    }
}
