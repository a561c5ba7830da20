package org.minqing.kit.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * AES-256-GCM for personal data at rest. A value is stored as {@code v2:keyId:base64(iv‖ciphertext‖tag)}
 * and its associated data binds the key id and the {@link FieldRef} (table, column, row id) it was
 * written for (L12): a ciphertext copied to another row, column or table fails to decrypt with an
 * {@link UnreadableValueException} instead of showing someone else's data. Keys rotate: new values
 * use the active key, old values name the key they need. Values written before L12
 * ({@code keyId:base64(…)}, bound to the key id only) are still read while
 * {@code minqing.crypto.accept-unbound} is true; the {@link ReencryptionJob} rewrites them (and
 * values under retired keys) in the bound form. {@link #blindIndex} gives a keyed hash for equality
 * look-ups without decrypting.
 */
@ApplicationScoped
public class FieldCipher {

    /** Marker of values bound to their row (L12). A key id has no colon, so {@code keyId:…} never starts with it. */
    public static final String BOUND = "v2";
    private static final byte[] AAD_LABEL = "minqing/field/v2".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecretKeySpec indexKey;
    private final boolean acceptUnbound;

    @Inject
    public FieldCipher(CryptoConfig config) {
        config.keys().forEach((id, base64) -> keys.put(id, aesKey(id, base64)));
        this.activeKeyId = config.activeKey()
                .orElseThrow(() -> new IllegalStateException("minqing.crypto.active-key is not set (MINQING_CRYPTO_ACTIVE_KEY)"));
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("minqing.crypto.active-key '" + activeKeyId + "' is not among minqing.crypto.keys");
        }
        this.indexKey = new SecretKeySpec(Base64.getDecoder().decode(config.indexKey()
                .orElseThrow(() -> new IllegalStateException("minqing.crypto.index-key is not set (MINQING_CRYPTO_INDEX_KEY)"))), "HmacSHA256");
        this.acceptUnbound = config.acceptUnbound();
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** How every value written now begins: a stored value without this prefix awaits re-encryption. */
    public String currentPrefix() {
        return BOUND + ":" + activeKeyId + ":";
    }

    /** Whether a stored value is bound to its row and under the active key (nothing for the job to do). */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(currentPrefix());
    }

    /** Encrypts {@code plaintext} as the value of {@code field}; null stays null. */
    public String encrypt(FieldRef field, String plaintext) {
        if (field == null) {
            throw new IllegalArgumentException("name the field the value is stored in");
        }
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(activeKeyId, field));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return currentPrefix() + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts the value stored in {@code field}; null stays null.
     *
     * @throws UnreadableValueException if it was not written for this field (copied from another row,
     *         column or table), was altered, names a key this service lacks, or is an unbound value
     *         from before L12 while those are no longer accepted
     */
    public String decrypt(FieldRef field, String stored) {
        if (field == null) {
            throw new IllegalArgumentException("name the field the value is stored in");
        }
        if (stored == null) {
            return null;
        }
        int first = stored.indexOf(':');
        int second = first < 0 ? -1 : stored.indexOf(':', first + 1);
        boolean bound = second > 0 && BOUND.equals(stored.substring(0, first));
        int keyStart = bound ? first + 1 : 0;
        int keyEnd = bound ? second : first;
        if (keyEnd <= keyStart || stored.indexOf(':', keyEnd + 1) >= 0) {
            throw new UnreadableValueException(field, "not an encrypted field value", null);
        }
        if (!bound && !acceptUnbound) {
            throw new UnreadableValueException(field,
                    "unbound value from before L12 (minqing.crypto.accept-unbound=false); re-encrypt it", null);
        }
        String keyId = stored.substring(keyStart, keyEnd);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new UnreadableValueException(field, "no key '" + keyId + "' configured", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(keyEnd + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(bound ? aad(keyId, field) : keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableValueException(field,
                    "it was not written for this row and column, or was altered (key '" + keyId + "')", e);
        }
    }

    /**
     * The value in the current form (bound to {@code field}, active key): unchanged if it already is,
     * else decrypted and encrypted again. For the {@link ReencryptionJob}.
     */
    public String reencrypt(FieldRef field, String stored) {
        if (isCurrent(stored)) {
            return stored;
        }
        return encrypt(field, decrypt(field, stored));
    }

    /** Keyed hash (HMAC-SHA-256, hex) for "is there a record with this phone?" without plaintext. */
    public String blindIndex(String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(value.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed", e);
        }
    }

    /** Label, key id, table, column, row id; each length-prefixed, so no two references share an encoding. */
    private static byte[] aad(String keyId, FieldRef field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AAD_LABEL);
        for (String part : new String[] { keyId, field.table(), field.column(), field.rowId() }) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static SecretKeySpec aesKey(String id, String base64) {
        if (id.contains(":")) {
            throw new IllegalStateException("minqing.crypto.keys." + id + ": a key id must not contain ':'");
        }
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length != 32) {
            throw new IllegalStateException("minqing.crypto.keys." + id + " must be 32 bytes (base64) for AES-256");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
