package org.minqing.kit.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A table with columns encrypted by {@link FieldCipher} (L12): its name, the key columns that
 * identify a row (their values, joined by {@code /}, are the row id bound into every ciphertext),
 * the encrypted columns and, if it has one, the column that records the key id of its values.
 * Each service lists its tables in an {@link EncryptedTables} bean; the same constants name the
 * values when encrypting ({@code column("phone_enc").row(id)}) and drive the {@link ReencryptionJob}.
 */
public record EncryptedTable(String name, List<String> keyColumns, String keyIdColumn, List<String> columns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public EncryptedTable {
        requireIdentifier(name);
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        if (keyColumns.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException(name + ": name its key columns and encrypted columns");
        }
        keyColumns.forEach(EncryptedTable::requireIdentifier);
        columns.forEach(EncryptedTable::requireIdentifier);
        if (keyIdColumn != null) {
            requireIdentifier(keyIdColumn);
        }
    }

    /** A table keyed by one column (usually {@code id}). */
    public static EncryptedTable of(String name, String keyColumn, String... columns) {
        return new EncryptedTable(name, List.of(keyColumn), null, List.of(columns));
    }

    public EncryptedTable withKeyIdColumn(String column) {
        return new EncryptedTable(name, keyColumns, column, columns);
    }

    /** One of the encrypted columns; a name not declared here is a programming error. */
    public EncryptedColumn column(String column) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException(column + " is not an encrypted column of " + name);
        }
        return new EncryptedColumn(this, column);
    }

    String rowId(Object... key) {
        if (key == null || key.length != keyColumns.size() || Arrays.stream(key).anyMatch(k -> k == null)) {
            throw new IllegalArgumentException(name + " rows are identified by " + keyColumns + ", got "
                    + (key == null ? "nothing" : key.length + " non-null part(s) expected"));
        }
        return Arrays.stream(key).map(Object::toString).collect(Collectors.joining("/"));
    }

    static String requireIdentifier(String s) {
        if (s == null || !IDENTIFIER.matcher(s).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + s);
        }
        return s;
    }
}
