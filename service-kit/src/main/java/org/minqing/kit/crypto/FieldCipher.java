package org.minqing.kit.crypto;

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
 * AES-256-GCM for personal data at rest. Each value is stored as {@code keyId:base64(iv‖ciphertext‖tag)},
 * so keys can be rotated: new values use the active key, old values still name the key they need.
 * {@link #blindIndex} gives a keyed hash for equality look-ups without decrypting.
 */
@ApplicationScoped
public class FieldCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecretKeySpec indexKey;

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
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an encrypted field value");
        }
        String keyId = stored.substring(0, colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key '" + keyId + "' configured to decrypt this value");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
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

    private static SecretKeySpec aesKey(String id, String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length != 32) {
            throw new IllegalStateException("minqing.crypto.keys." + id + " must be 32 bytes (base64) for AES-256");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
