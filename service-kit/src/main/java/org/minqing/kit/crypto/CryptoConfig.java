package org.minqing.kit.crypto;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Keys for personal data at rest. Operators supply them from a Kubernetes Secret
 * (e.g. {@code MINQING_CRYPTO_KEYS_K2}); the demo values (%dev/%test, the local platform, the e2e suite) are never for production.
 */
@ConfigMapping(prefix = "minqing.crypto")
public interface CryptoConfig {

    /**
     * Id of the key new values are encrypted with. Optional here so that a production start without
     * it is refused by {@link org.minqing.kit.startup.RequiredSecrets} with one message naming every
     * missing secret, not by the first mapping error.
     */
    Optional<String> activeKey();

    /** Key id → base64 of 32 random bytes. Keep retired keys until nothing uses them. */
    Map<String, String> keys();

    /** Base64 HMAC key for blind indexes; never rotated without re-indexing. */
    Optional<String> indexKey();

    /**
     * Whether values written before L12 (bound to the key id only, not to their row) are still read.
     * Set it to false once {@code POST /ops/reencryption} reports none left (ADR 0011): then a copied
     * old value cannot be passed off as another row's either.
     */
    @WithDefault("true")
    boolean acceptUnbound();
}
