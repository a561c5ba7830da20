package org.minqing.kit.startup;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Runs before Flyway migrates at start-up: M4, a production start without its secrets is refused
 * ({@link RequiredSecrets}) before anything connects to the database. (It also used to keep the demo
 * district's rows out of production; since ADR 0026 no service carries any: the local platform and the
 * e2e suite enter them through the APIs.)
 */
@ApplicationScoped
public class RequiredSecretsFlywayCustomizer implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        RequiredSecrets.checkIfProduction();
    }
}
