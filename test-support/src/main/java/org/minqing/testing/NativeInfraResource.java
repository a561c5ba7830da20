package org.minqing.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts (once per JVM) a real PostgreSQL and a real Kafka broker as native processes and points
 * the application at them. Use with {@code @QuarkusTestResource(value = NativeInfraResource.class,
 * initArgs = @ResourceArg(name = "database", value = "intake"))}.
 */
public class NativeInfraResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        // Both take seconds to start; do it side by side.
        CompletableFuture<NativeKafka> kafka = CompletableFuture.supplyAsync(NativeKafka::shared);
        NativePostgres pg = NativePostgres.shared();
        String url = pg.database(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", url);
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", kafka.join().bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // The processes live for the whole JVM (shutdown hooks), shared by every test class.
    }
}
