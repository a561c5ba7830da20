package org.minqing.kit.startup;

import java.util.ArrayList;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Runs before Flyway migrates at start-up:
 * <ul>
 * <li>M4: refuses a production start without its secrets ({@link RequiredSecrets}), before anything
 * connects to the database;</li>
 * <li>M7: leaves out the demo reference data (location {@code db/demo}: demo units with demo phone
 * numbers, mailboxes, communities) unless {@code minqing.demo-data.enabled=true}, which only
 * {@code %dev}/{@code %test}, the local platform and the e2e suite set. Quarkus fixes the scanned
 * locations at build time, so the packaged application holds {@code db/demo} and this filter
 * decides at run time whether Flyway sees it.</li>
 * </ul>
 */
@ApplicationScoped
public class DemoDataAndSecretsFlywayCustomizer implements FlywayConfigurationCustomizer {

    public static final String DEMO_ENABLED_KEY = "minqing.demo-data.enabled";
    public static final String DEMO_LOCATION = "db/demo";

    private static final Logger LOG = Logger.getLogger(DemoDataAndSecretsFlywayCustomizer.class);

    @Override
    public void customize(FluentConfiguration configuration) {
        RequiredSecrets.checkIfProduction();
        boolean demo = ConfigProvider.getConfig().getOptionalValue(DEMO_ENABLED_KEY, Boolean.class).orElse(false);
        if (demo) {
            LOG.warn("demo reference data (" + DEMO_LOCATION + ") is enabled: for the local platform and tests only");
            return;
        }
        configuration.resourceProvider(withoutDemo(configuration.getResourceProvider()));
    }

    /** The provider without any migration under {@code db/demo}. */
    public static ResourceProvider withoutDemo(ResourceProvider all) {
        if (all == null) {
            return null;
        }
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return isDemo(name) ? null : all.getResource(name);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                Collection<LoadableResource> out = new ArrayList<>();
                for (LoadableResource r : all.getResources(prefix, suffixes)) {
                    if (!isDemo(r.getAbsolutePath()) && !isDemo(r.getRelativePath())) {
                        out.add(r);
                    }
                }
                return out;
            }
        };
    }

    static boolean isDemo(String path) {
        if (path == null) {
            return false;
        }
        String p = path.replace('\\', '/');
        return p.startsWith(DEMO_LOCATION + "/") || p.contains("/" + DEMO_LOCATION + "/");
    }
}
