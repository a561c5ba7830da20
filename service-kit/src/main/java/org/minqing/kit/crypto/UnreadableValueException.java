package org.minqing.kit.crypto;

/**
 * A stored value that does not decrypt as the value of {@link #field()}: moved from another row,
 * column or table, altered, or under a key this service does not hold. Never answered with
 * anything read from it. The message names the field and the key id, never the value.
 */
public class UnreadableValueException extends IllegalStateException {

    private final transient FieldRef field;

    public UnreadableValueException(FieldRef field, String reason, Throwable cause) {
        super("encrypted value of " + field + " cannot be read: " + reason, cause);
        this.field = field;
    }

    public FieldRef field() {
        return field;
    }
}
