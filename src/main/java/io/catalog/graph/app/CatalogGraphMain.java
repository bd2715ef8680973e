package io.catalog.graph.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point. When no database URL is configured, a real PostgreSQL is started in-process so that a fresh
 * checkout runs with one command; its data folder survives restarts. With a URL configured nothing is started.
 */
@QuarkusMain
public class CatalogGraphMain {

    static final String JDBC_URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String DATA_DIR_PROPERTY = "catalog.embedded.data-dir";
    static final String PORT_PROPERTY = "catalog.embedded.port";

    public static void main(String... args) throws IOException {
        EmbeddedPostgres postgres = databaseConfigured() ? null : startEmbeddedPostgres();
        try {
            Quarkus.run(args);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static boolean databaseConfigured() {
        return setting(JDBC_URL_PROPERTY, null) != null;
    }

    private static EmbeddedPostgres startEmbeddedPostgres() throws IOException {
        Path dataDir = Path.of(setting(DATA_DIR_PROPERTY, "data/postgres")).toAbsolutePath();
        Files.createDirectories(dataDir);
        int port = Integer.parseInt(setting(PORT_PROPERTY, "15432"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        System.setProperty(JDBC_URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        // The embedded mode is one person's laptop: writes are open unless tokens are configured.
        if (setting("catalog.auth.tokens", null) == null && setting("catalog.auth.open-writes", null) == null) {
            System.setProperty("catalog.auth.open-writes", "true");
        }
        System.out.printf("Embedded PostgreSQL on port %d, data in %s%n", postgres.getPort(), dataDir);
        return postgres;
    }

    /** System property first, then the environment variable spelled the MicroProfile Config way. */
    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
