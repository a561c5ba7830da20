package org.minqing.notification;

import org.minqing.testing.NativeInfraResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Real PostgreSQL and Kafka (native processes), the local OIDC server, a real SMTP server
 * (GreenMail) and a WireMock server standing in for the SMS gateway and intake-service; shared
 * by every test here, so the application starts once.
 */
@QuarkusTestResource(value = NativeInfraResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(SmtpServerResource.class)
@QuarkusTestResource(ExternalStubsResource.class)
public class NotificationTestResources {
}
