package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /q/openapi} documents every route a client can call. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class OpenApiTest {

    @Test
    void everyRouteIsDocumentedWithItsMethods() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        assertThat(paths.get("/api/catalog/entities")).containsKey("get");
        assertThat(paths.get("/api/catalog/entities/by-query")).containsKeys("get", "post");
        assertThat(paths.get("/api/catalog/entities/by-refs")).containsKey("post");
        assertThat(paths.get("/api/catalog/entities/by-uid/{uid}")).containsKeys("get", "delete");
        assertThat(paths.get("/api/catalog/entities/by-name/{kind}/{namespace}/{name}")).containsKey("get");
        assertThat(paths.get("/api/catalog/entities/by-name/{kind}/{namespace}/{name}/ancestry")).containsKey("get");
        assertThat(paths.get("/api/catalog/entity-facets")).containsKeys("get", "post");
        assertThat(paths.get("/api/catalog/refresh")).containsKey("post");
        assertThat(paths.get("/api/catalog/validate-entity")).containsKey("post");
        assertThat(paths.get("/api/catalog/analyze-location")).containsKey("post");
        assertThat(paths.get("/api/catalog/locations")).containsKeys("get", "post");
        assertThat(paths.get("/api/catalog/locations/{id}")).containsKeys("get", "put", "delete");
        assertThat(paths.get("/api/catalog/locations/by-entity/{kind}/{namespace}/{name}")).containsKey("get");
        assertThat(paths.get("/api/catalog/locations/by-query")).containsKey("post");
        assertThat(paths.get("/api/v1/getparams.execute")).containsKey("post");
        assertThat(paths.get("/api/admin/providers")).containsKey("get");
        assertThat(paths.get("/api/admin/providers/{id}/scan")).containsKey("post");
        for (String query : List.of("dependencies", "dependents", "ownership", "owned", "groups", "blast-radius", "neighbourhood")) {
            assertThat(paths.get("/api/graph/entities/{kind}/{namespace}/{name}/" + query)).as(query).containsKey("get");
        }
        assertThat(paths.get("/api/graph/path")).containsKey("get");
    }
}
