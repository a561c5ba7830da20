package org.minqing.kit.crypto;

import java.util.Objects;

/**
 * One encrypted column of an {@link EncryptedTable}. {@link #row} names one value in it: the key
 * parts in the order of the table's key columns (a UUID, or e.g. kind and id).
 */
public record EncryptedColumn(EncryptedTable table, String name) {

    public EncryptedColumn {
        Objects.requireNonNull(table, "table");
        EncryptedTable.requireIdentifier(name);
    }

    /** The value of this column in the row with this key. */
    public FieldRef row(Object... key) {
        return new FieldRef(table.name(), name, table.rowId(key));
    }
}
