package org.minqing.notification;

import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) in the test JVM on a free port; the mailer sends to it for real.
 * Like a real relay it rejects unknown mailboxes, echoing the address: any recipient whose local
 * part starts with {@value #REJECTED_PREFIX} gets {@code 550 5.1.1 <address>: Recipient address rejected}.
 * A {@value #STALLING_PREFIX} recipient plays a relay that hangs (see {@link #STALLING_PREFIX}).
 */
public class SmtpServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String REJECTED_PREFIX = "rejected-";

    /**
     * The first session to any {@value #STALLING_PREFIX} recipient stalls: no answer to RCPT for
     * {@link #STALL}, then {@code 421}; later sessions to it are served normally.
     */
    public static final String STALLING_PREFIX = "stalling-";
    public static final java.time.Duration STALL = java.time.Duration.ofSeconds(25);
    private static final java.util.Set<String> STALLED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            greenMail = new RelayLikeGreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        GreenMail mail = greenMail();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // lives as long as the JVM, like the other shared infrastructure
    }

    /** GreenMail whose SMTP side refuses the {@value #REJECTED_PREFIX} recipients; storage unchanged. */
    static final class RelayLikeGreenMail extends GreenMail {
        RelayLikeGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            return super.createServices(config, new RejectingManagers(managers));
        }
    }

    static final class RejectingManagers extends Managers {
        private final Managers base;
        private final SmtpManager smtp;

        RejectingManagers(Managers base) {
            this.base = base;
            this.smtp = new SmtpManager(base.getImapHostManager(), base.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress address) {
                    if (address.getUser() != null && address.getUser().startsWith(STALLING_PREFIX)
                            && STALLED.add(address.getEmail())) {
                        // a relay that stops answering mid-session: silent for a while, then gives up
                        try {
                            Thread.sleep(STALL.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "421 4.4.2 stalled session closed";
                    }
                    if (address.getUser() != null && address.getUser().startsWith(REJECTED_PREFIX)) {
                        return "550 5.1.1 <" + address.getEmail() + ">: Recipient address rejected: User unknown";
                    }
                    return super.checkRecipient(state, address);
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        @Override
        public UserManager getUserManager() {
            return base.getUserManager();
        }

        @Override
        public ImapHostManager getImapHostManager() {
            return base.getImapHostManager();
        }
    }

    private static int freePort() {
        return org.minqing.testing.FreePorts.next();
    }
}
