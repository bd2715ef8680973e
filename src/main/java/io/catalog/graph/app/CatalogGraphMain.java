package io.catalog.graph.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point. When no datasource is configured in any configuration source ({@link LocalMode}), a real
 * PostgreSQL is started in-process so that a fresh checkout runs with one command; its data folder survives
 * restarts. With a datasource configured nothing is started and nothing is opened.
 */
@QuarkusMain
public class CatalogGraphMain {

    public static void main(String... args) throws IOException {
        // Quarkus's own configuration, already assembled from every source when main runs
        Config config = ConfigProvider.getConfig();
        LocalMode mode = LocalMode.of(config);
        EmbeddedPostgres postgres = mode.embeddedDatabase() ? startEmbeddedPostgres(config) : null;
        EmbeddedNeo4j neo4j = mode.embeddedGraph() ? startEmbeddedNeo4j(config) : null;
        mode.settings(postgres == null ? null : postgres.getJdbcUrl("postgres", "postgres"),
                neo4j == null ? null : neo4j.boltUri()).forEach(System::setProperty);
        if (postgres != null) {
            System.out.printf("Local mode: embedded PostgreSQL on port %d, data in %s; writes %s%n", postgres.getPort(),
                    dataDir(config), mode.openWrites() ? "open (no token configured)" : "need a token");
        }
        if (neo4j != null) {
            System.out.printf("Embedded Neo4j at %s, data in %s%n", neo4j.boltUri(), graphDir(config));
        }
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

    private static EmbeddedNeo4j startEmbeddedNeo4j(Config config) throws IOException {
        Path home = graphDir(config);
        Files.createDirectories(home);
        return EmbeddedNeo4j.start(home, config.getOptionalValue("catalog.embedded.neo4j-port", Integer.class).orElse(17687),
                config.getOptionalValue("catalog.embedded.neo4j-page-cache-mb", Long.class).orElse(256L) << 20);
    }

    private static Path graphDir(Config config) {
        return Path.of(config.getOptionalValue("catalog.embedded.neo4j-data-dir", String.class).orElse("data/neo4j")).toAbsolutePath();
    }

    private static EmbeddedPostgres startEmbeddedPostgres(Config config) throws IOException {
        Path dataDir = dataDir(config);
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(config.getOptionalValue("catalog.embedded.port", Integer.class).orElse(15432))
                .start();
    }

    private static Path dataDir(Config config) {
        return Path.of(config.getOptionalValue("catalog.embedded.data-dir", String.class).orElse("data/postgres")).toAbsolutePath();
    }
}
