package io.catalog.graph.graph;

import io.catalog.graph.storage.AdvisoryLock;
import io.catalog.graph.storage.GraphChangeStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.Metrics;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection end to end: descriptors ingested by the refresh loop show up in Neo4j through the outbox and the
 * projector; edits and deletions follow; a rebuild gives the same graph; the consistency check, metrics and the
 * graph health group say what state it is in.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class GraphProjectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Driver driver;
    @Inject
    GraphChangeStore store;
    @Inject
    ProjectionLoop loop;
    @Inject
    DataSource dataSource;

    @Test
    void ingestedEntitiesAndTheirRelationsAppearInTheGraphAndAnEditRemovesAnEdge() {
        String id = suffix();
        Workspace ws = Workspace.create("graph-ingest");
        ws.write("catalog-info.yaml", Descriptors.documents(Descriptors.group("team-" + id),
                component("orders-" + id, "team-" + id, "payments-" + id), component("payments-" + id, "team-" + id)));
        CatalogApi.registerFile(ws, "catalog-info.yaml");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(edgesAround("team-" + id)).containsExactlyInAnyOrder(
                "component:default/orders-" + id + " OWNED_BY group:default/team-" + id,
                "component:default/payments-" + id + " OWNED_BY group:default/team-" + id));
        assertThat(edgesFrom("orders-" + id)).contains("component:default/orders-" + id + " DEPENDS_ON component:default/payments-" + id);
        assertThat(node("component:default/orders-" + id)).isEqualTo("Component exists=true");
        assertThat(node(CatalogApi.locationState(ws.root().resolve("catalog-info.yaml").toString()).get("declaredBy").toString()))
                .as("the generated Location entity of a registered location is an entity too").isEqualTo("Location exists=true");

        ws.write("catalog-info.yaml", Descriptors.documents(Descriptors.group("team-" + id),
                component("orders-" + id, "team-" + id), component("payments-" + id, "team-" + id)));
        CatalogApi.refresh("component:default/orders-" + id);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(edgesFrom("orders-" + id))
                .containsExactly("component:default/orders-" + id + " OWNED_BY group:default/team-" + id));
    }

    @Test
    void aDeletedEntityIsAPlaceholderWhileOthersPointAtItAndGoesWithTheLastOne() {
        String id = suffix();
        Workspace ws = Workspace.create("graph-delete");
        ws.write("catalog-info.yaml", Descriptors.documents(Descriptors.group("team-" + id), component("orders-" + id, "team-" + id)));
        CatalogApi.registerFile(ws, "catalog-info.yaml");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(node("group:default/team-" + id)).isEqualTo("Group exists=true"));

        ws.write("catalog-info.yaml", component("orders-" + id, "team-" + id));
        CatalogApi.refresh("component:default/orders-" + id);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(node("group:default/team-" + id))
                .as("gone from the catalog, still pointed at").isEqualTo("Entity exists=false"));

        String uid = CatalogApi.entity("component", "orders-" + id).getString("metadata.uid");
        given().delete("/api/catalog/entities/by-uid/{uid}", uid).then().statusCode(204);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(node("component:default/orders-" + id)).isNull();
            assertThat(node("group:default/team-" + id)).as("nothing points at it any more").isNull();
        });
    }

    @Test
    void aRebuildLeavesExactlyTheGraphTheIncrementalPathBuilt() {
        String id = suffix();
        Workspace ws = Workspace.create("graph-rebuild");
        ws.write("catalog-info.yaml", Descriptors.documents(Descriptors.group("team-" + id),
                component("orders-" + id, "team-" + id, "payments-" + id, "outside-" + id), component("payments-" + id, "team-" + id)));
        CatalogApi.registerFile(ws, "catalog-info.yaml");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(edgesFrom("orders-" + id)).hasSize(3));
        // an entity that was and no longer is: the incremental path leaves a placeholder where the rebuild never saw one
        ws.write("catalog-info.yaml", Descriptors.documents(
                component("orders-" + id, "team-" + id, "payments-" + id, "outside-" + id), component("payments-" + id, "team-" + id)));
        CatalogApi.refresh("component:default/orders-" + id);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(node("group:default/team-" + id)).isEqualTo("Entity exists=false"));
        awaitConsistent();
        List<String> incremental = snapshot();

        long ticket = given().post("/api/graph/rebuild").then().statusCode(202).extract().jsonPath().getLong("request");
        await().atMost(PATIENCE).until(() -> loop.rebuildsCompleted() >= ticket);

        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(incremental).anySatisfy(line -> assertThat(line).startsWith("component:default/outside-" + id + " :Entity exists=false"));
        assertThat(incremental).anySatisfy(line -> assertThat(line).startsWith("group:default/team-" + id + " :Entity exists=false"));
    }

    @Test
    void consistencyIsTrueOnceCaughtUpAndFalseWhileChangesWait() {
        String id = suffix();
        Workspace ws = Workspace.create("graph-consistency");
        ws.write("catalog-info.yaml", Descriptors.documents(Descriptors.group("team-" + id), component("orders-" + id, "team-" + id)));
        CatalogApi.registerFile(ws, "catalog-info.yaml");
        JsonPath caughtUp = awaitConsistent();
        assertThat(caughtUp.getLong("pendingChanges")).isZero();
        assertThat(caughtUp.getMap("postgres")).isEqualTo(caughtUp.getMap("neo4j"));
        assertThat(caughtUp.getLong("postgres.kinds.group")).isPositive();
        assertThat(caughtUp.getLong("postgres.relations.OWNED_BY")).isPositive();

        try (AdvisoryLock projectorHeldOff = await().atMost(PATIENCE)
                .until(() -> store.tryLock().orElse(null), lock -> lock != null)) {
            new Sql(dataSource).update("INSERT INTO graph_changes (entity_ref, created_at) VALUES (?, now() - interval '1 minute')",
                    "component:default/orders-" + id);
            JsonPath waiting = consistency();
            assertThat(waiting.getBoolean("consistent")).isFalse();
            assertThat(waiting.getLong("pendingChanges")).isEqualTo(1);
            assertThat(waiting.getLong("oldestPendingSeconds")).isGreaterThanOrEqualTo(59);

            Metrics metrics = Metrics.scrape();
            assertThat(metrics.value("catalog_graph_changes_pending")).isEqualTo(1.0);
            assertThat(metrics.value("catalog_graph_projection_lag_seconds")).isGreaterThanOrEqualTo(59.0);
        }
        assertThat(awaitConsistent().getLong("pendingChanges")).isZero();
        assertThat(Metrics.scrape().value("catalog_graph_changes_applied_total")).isPositive();
    }

    @Test
    void theGraphHealthGroupReportsNeo4jAndTheLagAndReadinessDoesNotDependOnIt() {
        JsonPath graph = given().get("/q/health/group/graph").then().statusCode(200).extract().jsonPath();
        assertThat(graph.getString("checks.find { it.name == 'graph-projection' }.data.neo4j")).isEqualTo("reachable");
        assertThat(graph.getMap("checks.find { it.name == 'graph-projection' }.data")).containsKeys("pendingChanges", "lagSeconds");
        assertThat(given().get("/q/health/ready").then().extract().jsonPath().getList("checks.name", String.class))
                .doesNotContain("graph-projection");
        assertThat(given().get("/q/health/live").then().extract().jsonPath().getList("checks.name", String.class))
                .doesNotContain("graph-projection");
    }

    @Test
    void rebuildNeedsAWriteToken() {
        given().header("Authorization", "Bearer wrong").post("/api/graph/rebuild").then().statusCode(403);
        given().header("Authorization", "Bearer wrong").get("/api/graph/consistency").then().statusCode(200);
    }

    private JsonPath awaitConsistent() {
        await().atMost(PATIENCE).until(() -> consistency().getBoolean("consistent"));
        return consistency();
    }

    private static JsonPath consistency() {
        return given().get("/api/graph/consistency").then().statusCode(200).extract().jsonPath();
    }

    /** Every node (labels, properties) and relationship (with the side that declared it), as sorted text. */
    private List<String> snapshot() {
        List<String> nodes = strings("MATCH (e:Entity) WITH e, [l IN labels(e) | l] AS labels ORDER BY e.ref"
                + " RETURN e.ref + ' ' + apoc_labels + ' exists=' + e.exists + ' title=' + coalesce(e.title, 'null')"
                + " + ' kind=' + e.kind + ' ns=' + e.namespace + ' name=' + e.name AS v");
        List<String> edges = strings("MATCH (s:Entity)-[r]->(t:Entity) RETURN s.ref + ' ' + type(r) + ' ' + t.ref + ' declaredByTarget=' + coalesce(r.declaredByTarget, false) AS v ORDER BY v");
        return java.util.stream.Stream.concat(nodes.stream(), edges.stream()).sorted().toList();
    }

    private List<String> edgesAround(String groupName) {
        return strings("MATCH (s)-[r]->(t:Group {ref: $ref}) RETURN s.ref + ' ' + type(r) + ' ' + t.ref AS v", Map.of("ref", "group:default/" + groupName));
    }

    private List<String> edgesFrom(String componentName) {
        return strings("MATCH (s:Entity {ref: $ref})-[r]->(t) RETURN DISTINCT s.ref + ' ' + type(r) + ' ' + t.ref AS v ORDER BY v",
                Map.of("ref", "component:default/" + componentName));
    }

    /** "Label exists=…" of a node (its one label besides Entity, or Entity), or null when there is none. */
    private String node(String ref) {
        List<String> found = strings("MATCH (e:Entity {ref: $ref}) RETURN coalesce([l IN labels(e) WHERE l <> 'Entity'][0], 'Entity')"
                + " + ' exists=' + e.exists AS v", Map.of("ref", ref));
        return found.isEmpty() ? null : found.get(0);
    }

    private List<String> strings(String cypher) {
        return strings(cypher, Map.of());
    }

    private List<String> strings(String cypher, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.run(cypher.replace("apoc_labels", "reduce(s = '', l IN labels | s + ':' + l)"), parameters)
                    .list(r -> r.get("v").asString());
        }
    }

    private static String component(String name, String owner, String... dependsOn) {
        StringBuilder yaml = new StringBuilder(Descriptors.component(name, owner));
        if (dependsOn.length > 0) {
            yaml.append("  dependsOn:\n");
            for (String target : dependsOn) {
                yaml.append("    - component:").append(target).append('\n');
            }
        }
        return yaml.toString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
