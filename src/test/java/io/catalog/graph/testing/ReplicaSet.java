package io.catalog.graph.testing;

import io.catalog.graph.app.EmbeddedNeo4j;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Instances of the packaged catalog sharing one real PostgreSQL and one real Neo4j, each fresh: a deployment with
 * replicas, on one machine. The instances are named {@code replica-0}, {@code replica-1}…
 */
public final class ReplicaSet implements AutoCloseable {

    public static final String TOKEN = "replica-writer-token";

    private final EmbeddedPostgres postgres;
    private final EmbeddedNeo4j neo4j;
    private final List<Replica> replicas = new ArrayList<>();

    private ReplicaSet(EmbeddedPostgres postgres, EmbeddedNeo4j neo4j) {
        this.postgres = postgres;
        this.neo4j = neo4j;
    }

    /**
     * Starts the stores and {@code count} instances reading files under {@code fileRoot}, with {@code settings}
     * added to each instance's; returns once every instance answers ready.
     */
    public static ReplicaSet start(int count, Path fileRoot, String heap, Map<String, String> settings) {
        ReplicaSet set;
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("catalog-replicas-pg"))
                    .setCleanDataDirectory(true).start();
            set = new ReplicaSet(postgres, EmbeddedNeo4j.start(Files.createTempDirectory("catalog-replicas-neo4j"), 0, 256L << 20));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the shared stores", e);
        }
        try {
            Map<String, String> common = new HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", set.postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "quarkus.neo4j.uri", set.neo4j.boltUri(),
                    "quarkus.neo4j.authentication.disabled", "true",
                    "catalog.locations", "",
                    "catalog.reading.file-roots", fileRoot.toAbsolutePath().toString()));
            common.putAll(settings);
            for (int i = 0; i < count; i++) { // all launched before any is waited on: they start together, as a rollout's do
                set.replicas.add(Replica.launch("replica-" + i, TOKEN, heap, common));
            }
            for (Replica replica : set.replicas) {
                replica.awaitReady(Duration.ofMinutes(3));
            }
            return set;
        } catch (RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    public List<Replica> replicas() {
        return replicas;
    }

    public Replica replica(int index) {
        return replicas.get(index);
    }

    /**
     * Waits until every one of {@code locations} has been read with its claim ended, and the database holds
     * {@code entities} entities (generated Location entities included).
     */
    public void awaitLoaded(long locations, long entities, Duration atMost) {
        Sql sql = sql();
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() ->
                sql.count("SELECT count(*) FROM locations WHERE last_read_at IS NOT NULL AND claim_token IS NULL") == locations
                        && sql.count("SELECT count(*) FROM entities") == entities);
    }

    /** The shared database, read directly. */
    public Sql sql() {
        return new Sql(postgres.getPostgresDatabase());
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
        neo4j.close();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
