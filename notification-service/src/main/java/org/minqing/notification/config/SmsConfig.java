package org.minqing.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generic HTTP/JSON SMS gateway (短信网关): where it is and how to sign in. */
@ConfigMapping(prefix = "minqing.sms")
public interface SmsConfig {
    String url();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("PT5S")
    Duration timeout();

    /** Signature the gateway puts in front of every message. */
    @WithDefault("民情")
    String signature();
}
