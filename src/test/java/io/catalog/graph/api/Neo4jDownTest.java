package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.Descriptors.component;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started while its configured Neo4j is unreachable: it starts, is ready, ingests and serves the
 * catalog; the graph routes answer 503 in Backstage's error body; the graph health group says why; the changes wait
 * in the outbox for Neo4j to come back.
 */
@QuarkusTest
@TestProfile(Neo4jDownTest.Neo4jUnreachable.class)
class Neo4jDownTest {

    public static class Neo4jUnreachable implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CatalogTestResource.class, Map.of(CatalogTestResource.NEO4J, "unreachable")));
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void theCatalogStartsServesAndIngestsWhileGraphRoutesAnswer503() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);

        Workspace ws = Workspace.create("neo4j-down");
        ws.write("catalog-info.yaml", component("written-while-graph-is-down", "team-a"));
        CatalogApi.registerFile(ws, "catalog-info.yaml");
        assertThat(CatalogApi.entity("component", "written-while-graph-is-down")).isNotNull();

        for (String route : List.of("/api/graph/entities/component/default/written-while-graph-is-down/dependencies",
                "/api/graph/consistency")) {
            JsonPath error = given().get(route).then().statusCode(503).extract().jsonPath();
            assertThat(error.getString("error.name")).as(route).isEqualTo("ServiceUnavailableError");
            assertThat(error.getInt("response.statusCode")).isEqualTo(503);
        }
        JsonPath graphHealth = given().get("/q/health/group/graph").then().statusCode(503).extract().jsonPath();
        assertThat(graphHealth.getString("status")).isEqualTo("DOWN");

        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM graph_changes WHERE entity_ref = 'component:default/written-while-graph-is-down'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the change waits for Neo4j").isGreaterThanOrEqualTo(1);
        }
    }
}
