package io.catalog.graph.graph;

import io.catalog.graph.app.EmbeddedNeo4j;
import io.catalog.graph.storage.GraphChangeStore;
import io.catalog.graph.storage.AdvisoryLock;
import io.catalog.graph.testing.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projector against a real PostgreSQL (migrated as the app migrates it) and a real Neo4j of its own, which this
 * test may stop and start again; no Quarkus, so no other projector competes for the rows.
 */
class GraphProjectorTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static Path neo4jHome;
    private static EmbeddedNeo4j neo4j;
    private static int boltPort;
    private static Driver driver;

    private Sql sql;
    private GraphChangeStore store;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("projector-test-pg"))
                .setCleanDataDirectory(true).start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        neo4jHome = Files.createTempDirectory("projector-test-neo4j");
        neo4j = EmbeddedNeo4j.start(neo4jHome, 0, 32L << 20);
        boltPort = Integer.parseInt(neo4j.boltUri().substring(neo4j.boltUri().lastIndexOf(':') + 1));
        // no driver-level retries: the projector's own back-off is what is under test
        driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none(),
                Config.builder().withMaxTransactionRetryTime(0, TimeUnit.MILLISECONDS).build());
    }

    @AfterAll
    static void stop() throws IOException {
        driver.close();
        if (neo4j != null) {
            neo4j.close();
        }
        postgres.close();
    }

    @BeforeEach
    void emptyStores() {
        sql = new Sql(dataSource);
        sql.update("DELETE FROM graph_changes");
        sql.update("DELETE FROM entities");
        store = new GraphChangeStore(dataSource);
        new GraphWriter(driver).clear();
    }

    @AfterEach
    void neo4jRunning() {
        if (neo4j == null) {
            neo4j = EmbeddedNeo4j.start(neo4jHome, boltPort, 32L << 20);
        }
    }

    @Test
    void pendingChangesAreAppliedFromTheEntitiesCurrentStateAndTheRowsRemoved() {
        entity("component:default/orders", "Orders", "component:default/orders ownedBy group:default/team-a",
                "group:default/team-a ownerOf component:default/orders");
        changed("component:default/orders", "component:default/orders", "group:default/team-a");

        GraphProjector.Pass pass = projector().projectPending();

        assertThat(pass.locked()).isTrue();
        assertThat(pass.changesApplied()).isEqualTo(3);
        assertThat(nodes()).containsExactly("component:default/orders true Orders", "group:default/team-a false null");
        assertThat(edges()).containsExactly("component:default/orders OWNED_BY group:default/team-a");
        assertThat(sql.value("SELECT count(*) FROM graph_changes")).isEqualTo(0L);
    }

    @Test
    void onlyTheRowsReadAreDeletedSoARowCommittedMeanwhileForTheSameRefIsAppliedNextTime() {
        changed("component:default/orders");
        GraphChangeStore.PendingBatch batch = store.pending(100);
        changed("component:default/orders"); // committed after the batch was read

        store.delete(batch.ids());

        assertThat(store.pending(100).refs()).containsExactly("component:default/orders");
        assertThat(store.pending(100).ids()).doesNotContainAnyElementsOf(batch.ids());
    }

    @Test
    void whileNeo4jIsDownChangesAccumulateAndAreAppliedWhenItIsBack() {
        entity("component:default/orders", null, "component:default/orders dependsOn component:default/payments");
        changed("component:default/orders");
        projector().projectPending();

        neo4j.close();
        neo4j = null;
        sql.update("UPDATE relations SET target_ref = 'component:default/billing'"); // an edit while Neo4j is away
        changed("component:default/orders");
        entity("group:default/team-a", "Team A");
        changed("group:default/team-a");

        assertThatThrownBy(() -> projector().projectPending()).isInstanceOf(RuntimeException.class);
        assertThat(sql.value("SELECT count(*) FROM graph_changes")).as("nothing is lost").isEqualTo(2L);
        assertThat(store.tryLock()).as("a failed pass releases the lock").hasValueSatisfying(AdvisoryLock::close);

        neo4j = EmbeddedNeo4j.start(neo4jHome, boltPort, 32L << 20); // same folder, same port: the driver reconnects
        GraphProjector.Pass pass = projector().projectPending();

        assertThat(pass.changesApplied()).isEqualTo(2);
        assertThat(edges()).containsExactly("component:default/orders DEPENDS_ON component:default/billing");
        assertThat(nodes()).contains("group:default/team-a true Team A").doesNotContain("component:default/payments false null");
        assertThat(sql.value("SELECT count(*) FROM graph_changes")).isEqualTo(0L);
    }

    @Test
    void aProjectorFindingTheLockTakenDoesNothing() {
        changed("component:default/orders");
        try (AdvisoryLock other = store.tryLock().orElseThrow()) {
            assertThat(store.tryLock()).as("one holder at a time").isEmpty();
            GraphProjector.Pass pass = projector().projectPending();
            assertThat(pass.locked()).isFalse();
            assertThat(sql.value("SELECT count(*) FROM graph_changes")).isEqualTo(1L);
        }
        assertThat(projector().projectPending().changesApplied()).isEqualTo(1);
    }

    @Test
    void twoProjectorsDrainingTogetherApplyEveryChangeExactlyOnce() throws Exception {
        int changes = 3000;
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            refs.add("component:default/c" + i);
        }
        sql.update("INSERT INTO graph_changes (entity_ref) SELECT unnest(?::text[])", (Object) refs.toArray(String[]::new));
        GraphProjector first = projector(100);
        GraphProjector second = projector(100);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> applied = new ArrayList<>();
            for (GraphProjector p : List.of(first, second)) {
                applied.add(pool.submit(() -> {
                    go.await();
                    long total = 0;
                    while ((long) sql.value("SELECT count(*) FROM graph_changes") > 0) {
                        total += p.projectPending().changesApplied();
                    }
                    return total;
                }));
            }
            go.countDown();
            long total = applied.get(0).get(2, TimeUnit.MINUTES) + applied.get(1).get(2, TimeUnit.MINUTES);
            assertThat(total).as("a row applied by both would count twice").isEqualTo(changes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConsistencyCheckAgreesOnceProjectedAndFailsFastWhenNeo4jCannotBeReached() throws IOException {
        entity("component:default/orders", null, "component:default/orders dependsOn component:default/payments");
        entity("component:default/payments", null, "component:default/payments dependencyOf component:default/orders");
        changed("component:default/orders", "component:default/payments");
        GraphConsistency consistency = new GraphConsistency(store, driver, 100);
        assertThat(consistency.check().consistent()).as("two changes pending").isFalse();

        projector().projectPending();

        GraphConsistency.Report report = consistency.check();
        assertThat(report.consistent()).isTrue();
        assertThat(report.postgres().relations()).as("both directions, declared by both ends: one edge")
                .isEqualTo(java.util.Map.of("DEPENDS_ON", 1L));
        assertThat(report.neo4j()).isEqualTo(report.postgres());

        int unused;
        try (var socket = new java.net.ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        try (Driver nowhere = GraphDatabase.driver("bolt://127.0.0.1:" + unused, AuthTokens.none())) {
            assertThatThrownBy(() -> new GraphConsistency(store, nowhere, 100).check())
                    .as("what the API answers 503 for").isInstanceOf(org.neo4j.driver.exceptions.Neo4jException.class);
        }
    }

    private GraphProjector projector() {
        return projector(2000);
    }

    private GraphProjector projector(int batchSize) {
        return new GraphProjector(store, new GraphWriter(driver),
                new ProjectionMetrics(new SimpleMeterRegistry(), store, Duration.ZERO), batchSize);
    }

    /** An entity row with the relation rows its descriptor produced, each "source type target". */
    private void entity(String ref, String title, String... relations) {
        UUID id = UUID.randomUUID();
        String[] parts = ref.split("[:/]");
        String body = title == null ? "{\"metadata\":{\"name\":\"" + parts[2] + "\"}}"
                : "{\"metadata\":{\"name\":\"" + parts[2] + "\",\"title\":\"" + title + "\"}}";
        sql.update("INSERT INTO entities (id, entity_ref, kind, namespace, name, body, hash) VALUES (?, ?, ?, ?, ?, ?::json, 'h')",
                id, ref, parts[0], parts[1], parts[2], body);
        for (String relation : relations) {
            String[] r = relation.split(" ");
            sql.update("INSERT INTO relations (originating_entity_id, source_ref, type, target_ref) VALUES (?, ?, ?, ?)",
                    id, r[0], r[1], r[2]);
        }
    }

    private void changed(String... refs) {
        for (String ref : refs) {
            sql.update("INSERT INTO graph_changes (entity_ref) VALUES (?)", ref);
        }
    }

    private static List<String> nodes() {
        return strings("MATCH (e:Entity) RETURN e.ref + ' ' + e.exists + ' ' + coalesce(e.title, 'null') AS v ORDER BY v");
    }

    private static List<String> edges() {
        return strings("MATCH (s)-[r]->(t) RETURN s.ref + ' ' + type(r) + ' ' + t.ref AS v ORDER BY v");
    }

    private static List<String> strings(String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).list(r -> r.get("v").asString());
        }
    }

}
