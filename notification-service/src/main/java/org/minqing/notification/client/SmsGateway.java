package org.minqing.notification.client;

/**
 * An SMS provider (短信网关). {@code messageId} is the notice id: providers de-duplicate on it, so
 * a send repeated after a crash mid-send does not reach the phone twice.
 */
public interface SmsGateway {

    void send(String messageId, String mobile, String text, boolean urgent) throws SmsException;

    /** Why an SMS did not go out; {@code retryable} for outages, timeouts and throttling. */
    class SmsException extends Exception {
        private final boolean retryable;

        public SmsException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
