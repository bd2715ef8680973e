package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Entities stitched on write are served exactly as they would be assembled from their rows at that moment: once the
 * stitcher has caught up, and also right after a commit that changed what an entity shows (another entity's relation,
 * a location's read errors, orphaning), before it has.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ServedEntitiesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityReader reader;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    ServedEntities served;
    @Inject
    CatalogStatistics statistics;

    @Test
    void onceStitchedAnEntityIsServedFromItsStoredTextExactlyAsItsRowsAssembleIt() {
        Workspace ws = Workspace.create("served-stitched");
        ws.write("catalog.yaml", Descriptors.documents(Descriptors.group("stitched-team"),
                Descriptors.component("stitched-service", "stitched-team"),
                Descriptors.location("stitched-children", "./missing.yaml")));
        CatalogApi.registerFile(ws, "catalog.yaml");
        await().atMost(WAIT).until(() -> CatalogApi.entity("location", "stitched-children") != null
                && CatalogApi.entity("location", "stitched-children").getList("status.items").size() == 1);

        for (String ref : new String[] {"group:default/stitched-team", "component:default/stitched-service", "location:default/stitched-children"}) {
            awaitStitched(ref);
            assertThat(stored(ref)).as(ref + " as stitched").isEqualTo(live(ref));
            assertThat(served(ref)).as(ref + " as served").isEqualTo(live(ref));
        }
        assertThat(served("group:default/stitched-team").toString()).contains("\"ownerOf\"", "component:default/stitched-service");
        assertThat(served("location:default/stitched-children").path("status").path("items").get(0).path("message").asText())
                .contains("missing.yaml");

        // the location's read errors change without any entity changing: the Location entity shows it at once
        ws.write("missing.yaml", Descriptors.component("stitched-found", "stitched-team"));
        new Sql(dataSource).update("UPDATE locations SET next_refresh_at = now() WHERE declared_by = ?", "location:default/stitched-children");
        await().atMost(WAIT).until(() -> CatalogApi.entity("component", "stitched-found") != null
                && CatalogApi.entity("location", "stitched-children").get("status") == null);
        awaitStitched("location:default/stitched-children");
        assertThat(served("location:default/stitched-children")).isEqualTo(live("location:default/stitched-children"));
    }

    @Test
    void aRelationAnotherEntityDeclaresIsServedOnTheEntityItPointsAtAsSoonAsItCommits() {
        Workspace ws = Workspace.create("served-relations");
        ws.write("team.yaml", Descriptors.group("relations-team"));
        CatalogApi.registerFile(ws, "team.yaml");
        await().atMost(WAIT).until(() -> CatalogApi.entity("group", "relations-team") != null);
        awaitStitched("group:default/relations-team");

        ws.write("service.yaml", Descriptors.component("relations-service", "relations-team"));
        CatalogApi.registerFile(ws, "service.yaml");
        await().atMost(WAIT).until(() -> CatalogApi.entity("component", "relations-service") != null);

        // the group's row did not change: only the relation rows the component's commit wrote name it
        assertThat(CatalogApi.entity("group", "relations-team").getList("relations.targetRef"))
                .contains("component:default/relations-service");
        awaitStitched("group:default/relations-team");
        assertThat(stored("group:default/relations-team")).isEqualTo(live("group:default/relations-team"));

        // and a relation removed by another entity's new content is gone from it as soon as that commits
        ws.write("service.yaml", Descriptors.component("relations-service", "relations-other-team"));
        CatalogApi.refresh("component:default/relations-service");
        await().atMost(WAIT).until(() -> "relations-other-team".equals(CatalogApi.entity("component", "relations-service").getString("spec.owner")));
        assertThat(CatalogApi.entity("group", "relations-team").getList("relations.targetRef"))
                .doesNotContain("component:default/relations-service");

        // and one removed with the entity that declared it, deleted
        ws.write("service.yaml", Descriptors.component("relations-service", "relations-team"));
        CatalogApi.refresh("component:default/relations-service");
        await().atMost(WAIT).until(() -> "relations-team".equals(CatalogApi.entity("component", "relations-service").getString("spec.owner")));
        awaitStitched("group:default/relations-team");
        assertThat(stored("group:default/relations-team").toString()).contains("component:default/relations-service");
        given().delete("/api/catalog/entities/by-uid/{uid}", CatalogApi.entity("component", "relations-service").getString("metadata.uid"))
                .then().statusCode(204);
        assertThat(CatalogApi.entity("group", "relations-team").getList("relations.targetRef"))
                .doesNotContain("component:default/relations-service");
    }

    @Test
    void aStaleMarkMakesReadsAssembleTheEntityFromItsRowsAndWithoutOneTheStoredTextIsServed() {
        stitchedComponent("served-marks", "marked-service");
        String ref = "component:default/marked-service";

        ObjectNode altered = live(ref).deepCopy();
        ((ObjectNode) altered.get("metadata")).put("description", "read from served_entities");
        Sql sql = new Sql(dataSource);
        sql.update("UPDATE served_entities SET served = ? WHERE entity_ref = ?", altered.toString(), ref);
        assertThat(served(ref)).as("no stale mark: the stored text").isEqualTo(altered);
        for (String limit : new String[] {null, "10"}) { // streamed, and a page
            assertThat(given().queryParam("filter", "metadata.name=marked-service").queryParams(limit == null ? Map.of() : Map.of("limit", limit))
                    .get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("metadata.description"))
                    .as("list, limit " + limit).containsExactly("read from served_entities");
        }
        assertThat(given().queryParam("filter", "metadata.name=marked-service").queryParam("fields", "metadata.description")
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath().getList("items.metadata.description"))
                .containsExactly("read from served_entities");
        assertThat(given().queryParam("filter", "metadata.name=marked-service")
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().asString())
                .as("the stored text, copied into the answer as it is").contains(altered.toString());

        sql.update("INSERT INTO stale_entities (entity_ref) VALUES (?)", ref);
        assertThat(served(ref)).as("a stale mark: assembled from the rows").isEqualTo(live(ref));
        awaitStitched(ref);
        assertThat(stored(ref)).as("stitched again").isEqualTo(live(ref));
    }

    @Test
    void orphaningAndDeletingAnEntityAreServedAtOnceAndItsStoredTextGoes() {
        String location = stitchedComponent("served-orphans", "orphaned-service");
        String ref = "component:default/orphaned-service";

        given().delete("/api/catalog/locations/{id}", location).then().statusCode(204);
        assertThat(CatalogApi.entity("component", "orphaned-service").getString("metadata.annotations.'backstage.io/orphan'"))
                .isEqualTo("true");
        assertThat(served(ref)).isEqualTo(live(ref));

        String uid = CatalogApi.entity("component", "orphaned-service").getString("metadata.uid");
        given().delete("/api/catalog/entities/by-uid/{uid}", uid).then().statusCode(204);
        assertThat(CatalogApi.entity("component", "orphaned-service")).isNull();
        awaitStitched(ref);
        assertThat(new Sql(dataSource).count("SELECT count(*) FROM served_entities WHERE entity_ref = ?", ref)).isZero();
    }

    @Test
    void whileAnotherInstanceStitchesThisOneWaitsAndItsMarksAreCounted() {
        stitchedComponent("served-lock", "locked-service");
        String ref = "component:default/locked-service";

        Sql sql = new Sql(dataSource);
        try (AdvisoryLock other = AdvisoryLock.tryTake(dataSource, ServedEntities.STITCHER_LOCK_KEY, "the stitcher lock").orElseThrow()) {
            sql.update("INSERT INTO stale_entities (entity_ref) VALUES (?), (?)", ref, ref);
            assertThat(served.stitch(100)).as("another instance holds the stitcher lock").isZero();
            assertThat(sql.count("SELECT count(*) FROM stale_entities WHERE entity_ref = ?", ref)).isEqualTo(2);
            assertThat(statistics.read().staleMarks()).isGreaterThanOrEqualTo(2);
            assertThat(served(ref)).isEqualTo(live(ref));
        }
        awaitStitched(ref); // by this instance's loop, once the lock is free
        assertThat(stored(ref)).isEqualTo(live(ref));
    }

    /** Registers a file with one component and waits until it is stitched; returns the location's id. */
    private String stitchedComponent(String workspace, String name) {
        Workspace ws = Workspace.create(workspace);
        ws.write("catalog.yaml", Descriptors.component(name, name.replace("-service", "-team")));
        String location = CatalogApi.registerFile(ws, "catalog.yaml");
        await().atMost(WAIT).until(() -> CatalogApi.entity("component", name) != null);
        awaitStitched("component:default/" + name);
        return location;
    }

    private void awaitStitched(String ref) {
        Sql sql = new Sql(dataSource);
        await().atMost(WAIT).until(() -> sql.count("SELECT count(*) FROM stale_entities WHERE entity_ref = ?", ref) == 0);
    }

    private JsonNode served(String ref) {
        Optional<ObjectNode> entity = reader.byRef(EntityRef.parse(ref, null, "default"));
        assertThat(entity).as(ref).isPresent();
        return entity.get();
    }

    private JsonNode stored(String ref) {
        return Json.read(json, (String) new Sql(dataSource).value("SELECT served FROM served_entities WHERE entity_ref = ?", ref));
    }

    /** The entity as its rows assemble it now, as reads did before anything was stitched. */
    private JsonNode live(String ref) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + Stitching.LIVE_COLUMNS + " FROM entities p WHERE p.entity_ref = ?")) {
            s.setString(1, ref);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(ref).isTrue();
                return new Stitching(json).assemble(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
