package org.minqing.kit.messaging;

/** A message that can never be processed; the channel's failure strategy sends it to its dead-letter topic. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
