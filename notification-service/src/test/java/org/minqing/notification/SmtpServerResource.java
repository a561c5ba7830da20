package org.minqing.notification;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) in the test JVM on a free port; the mailer sends to it for real. */
public class SmtpServerResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
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

    private static int freePort() {
        return org.minqing.testing.FreePorts.next();
    }
}
