package io.catalog.graph.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Boots a real PostgreSQL (embedded, in a fresh folder) for the Quarkus tests and gives them a workspace folder
 * under which descriptor files may be written and registered as file locations.
 */
public class CatalogTestResource implements QuarkusTestResourceLifecycleManager {

    /** The write token of the test profile (application.properties); every RestAssured request carries it. */
    public static final String WRITER_TOKEN = "test-writer-token";

    /** The folder tests write descriptors into; registered as a file root. */
    public static final Path WORKSPACE = createWorkspace();

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        // every request carries the writer token unless the test sends an Authorization header of its own
        RestAssured.filters((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", "Bearer " + WRITER_TOKEN);
            }
            return context.next(request, response);
        });
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("catalog-test-pg"))
                    .setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "catalog.reading.file-roots", WORKSPACE + "," + Path.of("ingest").toAbsolutePath());
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        deleteRecursively(WORKSPACE);
    }

    private static Path createWorkspace() {
        try {
            return Files.createTempDirectory("catalog-test-workspace").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
