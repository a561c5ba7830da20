package org.minqing.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: starts the end-to-end platform and keeps it up for exploring by hand (curl), until
 * the file named by the first argument is deleted. Prints the URLs.
 */
public final class DevPlatform {

    private DevPlatform() {
    }

    public static void main(String[] args) throws Exception {
        E2ePlatform p = E2ePlatform.get();
        System.out.println("keycloak " + p.keycloakUrl());
        for (String svc : E2ePlatform.SERVICES) {
            System.out.println(svc + " " + p.url(svc));
        }
        System.out.println("smtp " + p.smtpPort + " sms " + p.sms.url());
        System.out.println("pg " + p.pg.jdbcUrl("intake") + " kafka " + p.kafka.bootstrapServers());
        Path hold = Path.of(args.length > 0 ? args[0] : "/tmp/e2e-dev-platform.hold");
        Files.writeString(hold, "delete me to stop\n");
        while (Files.exists(hold)) {
            Thread.sleep(1000);
        }
        System.exit(0);
    }
}
