package org.minqing.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A representative's or liaison officer's e-mail or mobile as it travels in an event (联系方式加密):
 * AES-256-GCM under the event-contact key, which only the producer (representative-service) and
 * the one consumer that must reach the person (notification-service) hold. The value is
 * {@code keyId:base64url(nonce‖ciphertext‖tag)}; the associated data binds it to the event type,
 * the aggregate id and the field, so a sealed value copied into another event or field does not
 * open. See ADR "event contacts" in docs/adr.
 */
public final class SealedContact {

    /** What a sealed value looks like on the wire (the JSON Schemas carry the same pattern). */
    public static final String PATTERN = "^[a-z][a-z0-9]{0,31}:[A-Za-z0-9_-]{32,}$";
    private static final Pattern WIRE = Pattern.compile(PATTERN);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedContact() {
    }

    /** Seals {@code plaintext} (null stays null) under {@code keyId}/{@code key} for this event and field. */
    public static String seal(String keyId, byte[] key, EventType type, String aggregateId, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes(key), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(keyId, type, aggregateId, field));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing an event contact failed", e);
        }
    }

    /**
     * Opens a sealed value (null stays null) with the key it names. Fails if the key is unknown, or
     * if the value was sealed for another event type, aggregate or field, or was altered.
     */
    public static String open(Map<String, byte[]> keys, EventType type, String aggregateId, String field, String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!WIRE.matcher(sealed).matches()) {
            throw new IllegalArgumentException("not a sealed event contact");
        }
        int colon = sealed.indexOf(':');
        String keyId = sealed.substring(0, colon);
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no event-contact key '" + keyId + "' configured");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes(key), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(aad(keyId, type, aggregateId, field));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed event contact does not open for " + type.type() + " "
                    + aggregateId + " " + field, e);
        }
    }

    /** A key from its configured form: base64 of 32 random bytes. */
    public static byte[] key(String keyId, String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("event-contact key '" + keyId + "' is not base64", e);
        }
        if (k.length != 32) {
            throw new IllegalStateException("event-contact key '" + keyId + "' must be 32 bytes (AES-256), is " + k.length);
        }
        return k;
    }

    private static SecretKeySpec aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] aad(String keyId, EventType type, String aggregateId, String field) {
        return ("minqing.event-contact.v1\n" + keyId + "\n" + type.type() + "\n" + aggregateId + "\n" + field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
