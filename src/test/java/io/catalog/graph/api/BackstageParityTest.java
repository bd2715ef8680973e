package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What Backstage 4.0 answers, seen side by side, where we used to answer differently. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class BackstageParityTest {

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> entities("kind=api").size() >= 9 && entities("kind=component").size() >= 19);
    }

    @Test
    void ancestryIsRootedAtTheEntityAskedAbout() {
        JsonPath ancestry = given().get("/api/catalog/entities/by-name/API/default/orders-api/ancestry").then().statusCode(200)
                .extract().jsonPath();

        assertThat(ancestry.getString("rootEntityRef")).isEqualTo("api:default/orders-api");
        assertThat(ancestry.getString("items[0].entity.metadata.name")).isEqualTo("orders-api");
        assertThat(ancestry.getList("items[0].parentEntityRefs", String.class)).containsExactly("location:default/order-management-apis");
        assertThat(ancestry.getList("items")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void facetValuesComeOrderedByValueNotByCount() {
        JsonPath facets = given().queryParam("facet", "spec.lifecycle").queryParam("facet", "spec.type").queryParam("filter", "kind=component")
                .get("/api/catalog/entity-facets").then().statusCode(200).extract().jsonPath();

        // production is by far the most frequent lifecycle, yet comes last
        assertThat(facets.getList("facets.'spec.lifecycle'.value", String.class)).containsSubsequence("deprecated", "experimental", "production");
        assertThat(facets.getList("facets.'spec.lifecycle'.value", String.class)).isSorted();
        assertThat(facets.getList("facets.'spec.type'.value", String.class)).isSorted().contains("library", "service", "website");
    }

    @Test
    void relationFieldsAreServedSortedAsBackstageStoresThem() {
        Workspace workspace = Workspace.create("parity-sorted");
        workspace.write("catalog-info.yaml", documents("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: parity-sorted-service
                spec:
                  type: service
                  lifecycle: production
                  owner: parity-team
                  providesApis: [zeta-api, Beta-api, alpha-api]
                  consumesApis: [api:default/b, API:default/a]
                  dependsOn: [resource:zeta-db, component:beta, Component:Alpha, component:beta]
                  dependencyOf: [component:z, component:y]
                """, """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: parity-team
                spec:
                  type: team
                  children: [team-z, team-a, Team-M]
                  members: [zoe, Adam, bob]
                """, """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: parity-user
                spec:
                  memberOf: [team-z, group:default/team-a]
                """));
        CatalogApi.registerFile(workspace, "catalog-info.yaml");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> CatalogApi.entity("user", "parity-user") != null);

        JsonPath service = CatalogApi.entity("component", "parity-sorted-service");
        // JavaScript's default sort: UTF-16 code units, so upper case before lower case; duplicates stay
        assertThat(service.getList("spec.providesApis", String.class)).containsExactly("Beta-api", "alpha-api", "zeta-api");
        assertThat(service.getList("spec.consumesApis", String.class)).containsExactly("API:default/a", "api:default/b");
        assertThat(service.getList("spec.dependsOn", String.class))
                .containsExactly("Component:Alpha", "component:beta", "component:beta", "resource:zeta-db");
        assertThat(service.getList("spec.dependencyOf", String.class)).containsExactly("component:y", "component:z");
        JsonPath team = CatalogApi.entity("group", "parity-team");
        assertThat(team.getList("spec.children", String.class)).containsExactly("Team-M", "team-a", "team-z");
        assertThat(team.getList("spec.members", String.class)).containsExactly("Adam", "bob", "zoe");
        assertThat(CatalogApi.entity("user", "parity-user").getList("spec.memberOf", String.class))
                .containsExactly("group:default/team-a", "team-z");
    }

    private static Map<String, Object> component(Map<String, Object> extraMetadata) {
        Map<String, Object> metadata = new HashMap<>(extraMetadata);
        metadata.put("name", "parity-validated");
        return Map.of("location", "url:https://example.com/catalog-info.yaml", "entity", Map.of("apiVersion", "backstage.io/v1alpha1",
                "kind", "Component", "metadata", metadata, "spec", Map.of("type", "service", "lifecycle", "production", "owner", "team")));
    }

    @ParameterizedTest(name = "metadata.{0} must be a non-empty string")
    @ValueSource(strings = {"uid", "etag"})
    void serverFieldsThatAreSentMustBeNonEmptyStrings(String field) {
        for (Object bad : List.of("", 7, true, List.of("x"))) {
            given().contentType(ContentType.JSON).body(component(Map.of(field, bad))).post("/api/catalog/validate-entity")
                    .then().statusCode(400).body("errors[0].name", equalTo("InputError"));
        }
        given().contentType(ContentType.JSON).body(component(Map.of(field, "0123-abc"))).post("/api/catalog/validate-entity")
                .then().statusCode(200);
    }

    @Test
    void aLinkIconIsAnyNonEmptyString() {
        for (String icon : List.of("abc xyz", "ü", "-dash", "ic/on")) {
            given().contentType(ContentType.JSON).body(component(Map.of("links", List.of(Map.of("url", "https://example.com", "icon", icon)))))
                    .post("/api/catalog/validate-entity").then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(component(Map.of("links", List.of(Map.of("url", "https://example.com", "icon", "")))))
                .post("/api/catalog/validate-entity").then().statusCode(400);
    }

    @Test
    void anExcludedTotalIsNotCountedOnAnyPage() {
        JsonPath first = given().queryParam("filter", "kind=user").queryParam("limit", 5).queryParam("totalItems", "exclude")
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(5);
        assertThat(first.getInt("totalItems")).isZero();
        JsonPath second = given().queryParam("cursor", first.getString("pageInfo.nextCursor")).queryParam("limit", 5)
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(5);
        assertThat(second.getInt("totalItems")).isZero();

        given().contentType(ContentType.JSON).body(Map.of("query", Map.of("kind", "user"), "limit", 5, "totalItems", "exclude"))
                .post("/api/catalog/entities/by-query").then().statusCode(200).body("totalItems", equalTo(0)).body("items.size()", equalTo(5));
        int counted = given().queryParam("filter", "kind=user").queryParam("limit", 5).queryParam("totalItems", "include")
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().path("totalItems");
        assertThat(counted).isEqualTo(entities("kind=user").size());
        given().queryParam("totalItems", "sometimes").get("/api/catalog/entities/by-query").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
    }
}
