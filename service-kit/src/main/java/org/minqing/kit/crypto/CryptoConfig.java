package org.minqing.kit.crypto;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for personal data at rest. Operators supply them from a Kubernetes Secret
 * (e.g. {@code MINQING_CRYPTO_KEYS_K2}); the values in application.properties are for local use only.
 */
@ConfigMapping(prefix = "minqing.crypto")
public interface CryptoConfig {

    /** Id of the key new values are encrypted with. */
    String activeKey();

    /** Key id → base64 of 32 random bytes. Keep retired keys until nothing uses them. */
    Map<String, String> keys();

    /** Base64 HMAC key for blind indexes; never rotated without re-indexing. */
    String indexKey();
}
