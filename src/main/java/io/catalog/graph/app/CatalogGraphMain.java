package io.catalog.graph.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point. When no datasource is configured in any configuration source ({@link LocalMode}), a real
 * PostgreSQL is started in-process so that a fresh checkout runs with one command, and likewise a real Neo4j when
 * no Neo4j URI is configured; their data folders survive restarts. What is configured is used, never replaced.
 */
@QuarkusMain
public class CatalogGraphMain {

    public static void main(String... args) throws IOException {
        // Quarkus's own configuration, already assembled from every source when main runs
        Config config = ConfigProvider.getConfig();
        LocalMode mode = LocalMode.of(config);
        EmbeddedServers.Server postgres = null;
        EmbeddedServers.Server neo4j = null;
        if (mode.embeddedDatabase() || mode.embeddedGraph()) {
            EmbeddedServers servers = EmbeddedServers.available().orElseThrow(() -> new IllegalStateException(
                    "this build has no embedded servers (built with -Dimage): set QUARKUS_DATASOURCE_JDBC_URL (with"
                            + " QUARKUS_DATASOURCE_USERNAME/PASSWORD) and QUARKUS_NEO4J_URI"));
            if (mode.embeddedDatabase()) {
                Path dataDir = path(config, "catalog.embedded.data-dir", "data/postgres");
                // PostgreSQL's own 128 MB default is for small machines: at a million entities (10 GB) 1 GB of buffer
                // cache took 12 % off the load (docs/benchmarks.md); the memory is taken only as pages are used
                postgres = servers.postgres(dataDir, config.getOptionalValue("catalog.embedded.port", Integer.class).orElse(15432),
                        config.getOptionalValue("catalog.embedded.shared-buffers-mb", Long.class).orElse(1024L) << 20);
                System.out.printf("Local mode: embedded PostgreSQL, data in %s; writes %s%n", dataDir,
                        mode.openWrites() ? "open (no token configured)" : "need a token");
            }
            if (mode.embeddedGraph()) {
                Path home = path(config, "catalog.embedded.neo4j-data-dir", "data/neo4j");
                neo4j = servers.neo4j(home, config.getOptionalValue("catalog.embedded.neo4j-port", Integer.class).orElse(17687),
                        config.getOptionalValue("catalog.embedded.neo4j-page-cache-mb", Long.class).orElse(256L) << 20);
                System.out.printf("Embedded Neo4j at %s, data in %s%n", neo4j.url(), home);
            }
        }
        mode.settings(postgres == null ? null : postgres.url(), neo4j == null ? null : neo4j.url()).forEach(System::setProperty);
        try {
            Quarkus.run(args);
        } finally {
            if (neo4j != null) {
                neo4j.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static Path path(Config config, String key, String fallback) {
        return Path.of(config.getOptionalValue(key, String.class).orElse(fallback)).toAbsolutePath();
    }
}
