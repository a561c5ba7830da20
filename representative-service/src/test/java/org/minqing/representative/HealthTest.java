package org.minqing.representative;

import org.minqing.testing.ProbesContract;

import io.quarkus.test.junit.QuarkusTest;

/** The probes Kubernetes uses and the published OpenAPI document (ProbesContract). */
@QuarkusTest
class HealthTest extends ProbesContract {
}
