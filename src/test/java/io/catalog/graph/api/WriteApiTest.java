package io.catalog.graph.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.processing.GeneratedLocationEntity;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.locationState;
import static io.catalog.graph.testing.CatalogApi.refresh;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Deleting entities, analyzing locations, and the tokens that guard writes. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class WriteApiTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    LocationStore store;

    @Inject
    ObjectMapper json;

    @Test
    void deletedEntityIsGoneUntilItsLocationIsReadAgain() {
        Workspace ws = Workspace.create("delete-entity");
        ws.write("catalog-info.yaml", documents(component("deleted-one", "t"), component("kept-one", "t")));
        registerFile(ws, "catalog-info.yaml");
        String uid = entity("component", "deleted-one").getString("metadata.uid");

        given().delete("/api/catalog/entities/by-uid/{uid}", uid).then().statusCode(204);
        assertThat(entity("component", "deleted-one")).isNull();
        assertThat(entity("component", "kept-one")).isNotNull();
        given().delete("/api/catalog/entities/by-uid/{uid}", uid).then().statusCode(204); // gone either way, as in Backstage

        refresh("component:default/kept-one");
        assertThat(entity("component", "deleted-one")).isNotNull();
    }

    @Test
    void analyzeLocationReadsTheDescriptorOrSuggestsOne() {
        Workspace ws = Workspace.create("analyze");
        ws.write("repo/catalog-info.yaml", component("analyzed-service", "t"));
        JsonPath found = given().contentType(ContentType.JSON)
                .body(Map.of("location", Map.of("type", "file", "target", ws.root().resolve("repo").toString())))
                .post("/api/catalog/analyze-location").then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("existingEntityFiles.entity.metadata.name")).containsExactly("analyzed-service");
        assertThat(found.getList("existingEntityFiles.isRegistered")).containsExactly(false);
        assertThat(found.getString("existingEntityFiles[0].location.target")).endsWith("repo/catalog-info.yaml");
        assertThat(found.getList("generateEntities")).isEmpty();

        JsonPath empty = given().contentType(ContentType.JSON)
                .body(Map.of("location", Map.of("type", "file", "target", ws.root().resolve("empty-repo").toString())))
                .post("/api/catalog/analyze-location").then().statusCode(200).extract().jsonPath();
        assertThat(empty.getList("existingEntityFiles")).isEmpty();
        assertThat(empty.getString("generateEntities[0].entity.metadata.name")).isEqualTo("empty-repo");
        assertThat(empty.getString("generateEntities[0].fields[0].field")).isEqualTo("spec.owner");
        assertThat(empty.getString("generateEntities[0].fields[0].state")).isEqualTo("needsUserInput");
    }

    @Test
    void writesNeedAnAcceptedTokenAndReadsDoNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"type\":\"url\",\"target\":\"http://localhost/catalog-info.yaml\"}";
        assertThat(send(http, "POST", "api/catalog/locations", body, null)).isEqualTo(401);
        assertThat(send(http, "POST", "api/catalog/locations", body, "wrong-token")).isEqualTo(403);
        assertThat(send(http, "POST", "api/catalog/refresh", "{\"entityRef\":\"component:default/order-service\"}", null)).isEqualTo(401);
        assertThat(send(http, "DELETE", "api/catalog/locations/00000000-0000-4000-8000-000000000000", null, null)).isEqualTo(401);
        assertThat(send(http, "DELETE", "api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000", null, null)).isEqualTo(401);
        assertThat(send(http, "DELETE", "api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000", null,
                CatalogTestResource.WRITER_TOKEN)).isEqualTo(204);

        assertThat(send(http, "GET", "api/catalog/entities?limit=1", null, null)).isEqualTo(200);
        assertThat(send(http, "POST", "api/catalog/entities/by-refs", "{\"entityRefs\":[]}", null)).isEqualTo(200);
        assertThat(send(http, "POST", "api/catalog/validate-entity", "{\"location\":\"url:x\",\"entity\":{}}", null)).isEqualTo(400);
    }

    @Test
    void configuredLocationsThisInstanceDoesNotDeclareStayUntilAnOperatorPrunesThem() {
        Workspace ws = Workspace.create("other-instance-config");
        ws.write("catalog-info.yaml", component("declared-elsewhere", "t"));
        LocationSpec foreign = new LocationSpec("file", ws.root().resolve("catalog-info.yaml").toString());
        // what an instance with another configuration registers at its start
        store.register(foreign, LocationSource.CONFIG, GeneratedLocationEntity.of(foreign, json));
        awaitRead(foreign.target());
        assertThat(entity("component", "declared-elsewhere")).isNotNull();

        List<String> removed = given().post("/api/admin/locations/prune-configured").then().statusCode(200)
                .extract().jsonPath().getList("removed");

        assertThat(removed).containsExactly(foreign.toString());
        assertThat(locationState(foreign.target())).isNull();
        assertThat(entity("component", "order-service")).as("the example catalog this instance declares").isNotNull();
    }

    private int send(HttpClient http, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
