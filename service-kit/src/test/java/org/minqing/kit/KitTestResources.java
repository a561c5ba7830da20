package org.minqing.kit;

import org.minqing.testing.NativeInfraResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** One set of real infrastructure for every @QuarkusTest in this module (one application start). */
@QuarkusTestResource(value = NativeInfraResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public class KitTestResources {
}
