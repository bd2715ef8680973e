package io.catalog.graph.testing;

import io.catalog.graph.app.EmbeddedNeo4j;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Boots a real PostgreSQL and a real Neo4j (embedded, in fresh folders) for the Quarkus tests and gives them a workspace folder
 * under which descriptor files may be written and registered as file locations.
 */
public class CatalogTestResource implements QuarkusTestResourceLifecycleManager {

    /** The write token of the test profile (application.properties); every RestAssured request carries it. */
    public static final String WRITER_TOKEN = "test-writer-token";

    /** The folder tests write descriptors into; registered as a file root. */
    public static final Path WORKSPACE = createWorkspace();

    /** Init arg: {@code neo4j=unreachable} points the app at a port nothing listens on, as an outage would. */
    public static final String NEO4J = "neo4j";

    private EmbeddedPostgres postgres;
    private EmbeddedNeo4j neo4j;
    private boolean neo4jUnreachable;

    @Override
    public void init(Map<String, String> initArgs) {
        neo4jUnreachable = "unreachable".equals(initArgs.get(NEO4J));
    }

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
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("catalog-test-pg"))
                    .setCleanDataDirectory(true);
            // a benchmark knob, e.g. -Dbench.jvm.args=-Dbench.pg.shared-buffers=1GB: PostgreSQL's 128 MB default against a 10 GB catalog
            String sharedBuffers = System.getProperty("bench.pg.shared-buffers");
            if (sharedBuffers != null) {
                builder.setServerConfig("shared_buffers", sharedBuffers);
            }
            // any other server setting, for a measurement: -Dbench.pg.settings=log_min_duration_statement=0,log_directory=/tmp/pg
            for (String setting : System.getProperty("bench.pg.settings", "").split(",")) {
                if (setting.contains("=")) {
                    builder.setServerConfig(setting.substring(0, setting.indexOf('=')).strip(), setting.substring(setting.indexOf('=') + 1).strip());
                }
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        String boltUri;
        try {
            if (neo4jUnreachable) {
                try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    boltUri = "bolt://127.0.0.1:" + closed.getLocalPort();
                }
            } else {
                // a benchmark knob too, -Dbench.jvm.args=-Dbench.neo4j.page-cache-mb=256: the local mode's default page
                // cache, against the tests' small one (off the heap either way)
                neo4j = EmbeddedNeo4j.start(Files.createTempDirectory("catalog-test-neo4j"), 0,
                        Long.getLong("bench.neo4j.page-cache-mb", 64) << 20);
                boltUri = neo4j.boltUri();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Neo4j", e);
        }
        return Map.of(
                "quarkus.neo4j.uri", boltUri,
                "quarkus.neo4j.authentication.disabled", "true",
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "catalog.reading.file-roots", WORKSPACE + "," + Path.of("ingest").toAbsolutePath());
    }

    @Override
    public void stop() {
        if (neo4j != null) {
            neo4j.close();
        }
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
