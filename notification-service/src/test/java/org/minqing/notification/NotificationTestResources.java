package org.minqing.notification;

import org.minqing.testing.NativeInfraResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Real PostgreSQL and Kafka (native processes) plus the local OIDC server, shared by every test here. */
@QuarkusTestResource(value = NativeInfraResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public class NotificationTestResources {
}
