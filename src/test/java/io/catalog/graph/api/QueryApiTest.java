package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** by-query (both directions, totals, full text, predicates), by-refs, ancestry and facets over the example catalog. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class QueryApiTest {

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> entities("kind=user").size() >= 20 && entities("kind=api").size() >= 9 && entities("kind=component").size() >= 19);
    }

    @Test
    void queryPagesForwardAndBackWithoutGapsOrDuplicates() {
        List<String> all = given().queryParam("filter", "kind=user").queryParam("order", "asc:metadata.name")
                .get("/api/catalog/entities").then().extract().jsonPath().getList("metadata.name");

        JsonPath page = given().queryParam("filter", "kind=user").queryParam("orderField", "metadata.name,asc").queryParam("limit", 6)
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("totalItems")).isEqualTo(all.size());
        assertThat(page.getString("pageInfo.prevCursor")).isNull();
        List<String> forward = new ArrayList<>(page.getList("items.metadata.name"));
        List<String> cursors = new ArrayList<>();
        while (page.getString("pageInfo.nextCursor") != null) {
            cursors.add(page.getString("pageInfo.nextCursor"));
            page = given().queryParam("cursor", page.getString("pageInfo.nextCursor")).queryParam("limit", 6)
                    .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
            assertThat(page.getInt("totalItems")).isEqualTo(all.size());
            forward.addAll(page.getList("items.metadata.name"));
        }
        assertThat(forward).containsExactlyElementsOf(all);

        List<String> backward = new ArrayList<>(page.getList("items.metadata.name"));
        while (page.getString("pageInfo.prevCursor") != null) {
            page = given().queryParam("cursor", page.getString("pageInfo.prevCursor")).queryParam("limit", 6)
                    .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
            List<String> names = new ArrayList<>(page.getList("items.metadata.name"));
            names.addAll(backward);
            backward = names;
        }
        assertThat(backward).containsExactlyElementsOf(all);
        assertThat(cursors).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void queryDefaultsToTwentyItemsAndSelectsFields() {
        JsonPath page = given().queryParam("fields", "metadata.name").get("/api/catalog/entities/by-query").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items")).hasSize(20);
        assertThat(page.getList("items", Map.class)).allSatisfy(item -> assertThat(item.keySet()).containsExactly("metadata"));
        assertThat(page.getInt("totalItems")).isGreaterThanOrEqualTo(80);
    }

    @Test
    void fullTextTermMatchesInTheNamedFieldsIgnoringCase() {
        JsonPath page = given().queryParam("filter", "kind=component").queryParam("fullTextFilterTerm", "ORDER")
                .queryParam("fullTextFilterFields", "metadata.name").queryParam("limit", 100)
                .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
        List<String> names = page.getList("items.metadata.name");
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).contains("order"));
        assertThat(page.getInt("totalItems")).isEqualTo(names.size());
    }

    @Test
    void predicateQueryCombinesAllAnyNotExistsInAndPrefix() {
        Map<String, Object> query = Map.of("$all", List.of(
                Map.of("kind", "component"),
                Map.of("$any", List.of(Map.of("spec.type", Map.of("$in", List.of("service", "website"))),
                        Map.of("metadata.name", Map.of("$hasPrefix", "shared")))),
                Map.of("$not", Map.of("spec.lifecycle", "deprecated")),
                Map.of("spec.owner", Map.of("$exists", true))));
        JsonPath page = given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "orderBy", List.of(Map.of("field", "metadata.name", "order", "desc")), "limit", 100))
                .post("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).isNotEmpty();
        for (Map<String, Object> item : items) {
            Map<?, ?> spec = (Map<?, ?>) item.get("spec");
            String name = (String) ((Map<?, ?>) item.get("metadata")).get("name");
            assertThat(item.get("kind")).isEqualTo("Component");
            assertThat(List.of("service", "website").contains(spec.get("type")) || name.startsWith("shared")).isTrue();
            assertThat(spec.get("lifecycle")).isNotEqualTo("deprecated");
        }
        List<String> names = page.getList("items.metadata.name");
        assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(page.getInt("totalItems")).isEqualTo(items.size());

        given().contentType(ContentType.JSON).body(Map.of("query", Map.of("kind", Map.of("$regex", "x"))))
                .post("/api/catalog/entities/by-query").then().statusCode(400).body("error.name", equalTo("InputError"));
    }

    @Test
    void byRefsKeepsOrderAndAnswersNullForMissing() {
        JsonPath result = given().contentType(ContentType.JSON)
                .body(Map.of("entityRefs", List.of("api:default/orders-api", "component:default/does-not-exist", "Component:default/order-service"),
                        "fields", List.of("kind", "metadata.name")))
                .post("/api/catalog/entities/by-refs").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = result.getList("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isEqualTo(Map.of("kind", "API", "metadata", Map.of("name", "orders-api")));
        assertThat(items.get(1)).isNull();
        assertThat(items.get(2)).isEqualTo(Map.of("kind", "Component", "metadata", Map.of("name", "order-service")));

        List<Object> filtered = given().contentType(ContentType.JSON).queryParam("filter", "kind=api")
                .body(Map.of("entityRefs", List.of("api:default/orders-api", "component:default/order-service")))
                .post("/api/catalog/entities/by-refs").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(filtered.get(0)).isNotNull();
        assertThat(filtered.get(1)).isNull();
    }

    @Test
    void ancestryLeadsFromAnEntityToItsRegisteredLocation() {
        JsonPath ancestry = given().get("/api/catalog/entities/by-name/api/default/orders-api/ancestry").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = ancestry.getList("items");
        Map<String, List<String>> parents = new HashMap<>();
        for (Map<String, Object> item : items) {
            Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) item.get("entity")).get("metadata");
            String kind = ((String) ((Map<?, ?>) item.get("entity")).get("kind")).toLowerCase();
            parents.put(kind + ":default/" + metadata.get("name"), (List<String>) item.get("parentEntityRefs"));
        }
        assertThat(parents.get("api:default/orders-api")).hasSize(1);
        assertThat(ancestry.getString("rootEntityRef")).isEqualTo("api:default/orders-api");
        List<String> tops = parents.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        assertThat(tops).singleElement().satisfies(top -> assertThat(top).startsWith("location:default/generated-"));
        assertThat(parents).containsKey("location:default/northwind-root");
        given().get("/api/catalog/entities/by-name/api/default/nope/ancestry").then().statusCode(404);
    }

    @Test
    void facetsCountValuesAsWritten() {
        JsonPath facets = given().queryParam("facet", "kind").queryParam("facet", "spec.type").queryParam("filter", "kind=component")
                .get("/api/catalog/entity-facets").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> kinds = facets.getList("facets.kind");
        assertThat(kinds).containsExactly(Map.of("value", "Component", "count", entities("kind=component").size()));
        List<Map<String, Object>> types = facets.getList("facets.'spec.type'");
        int total = types.stream().mapToInt(t -> (Integer) t.get("count")).sum();
        assertThat(total).isEqualTo(entities("kind=component").size());
        assertThat(types).anySatisfy(t -> assertThat(t.get("value")).isEqualTo("service"));

        JsonPath byPost = given().contentType(ContentType.JSON).body(Map.of("facets", List.of("kind"), "query", Map.of("kind", "api")))
                .post("/api/catalog/entity-facets").then().statusCode(200).extract().jsonPath();
        assertThat(byPost.getList("facets.kind", Map.class)).singleElement()
                .satisfies(k -> assertThat(k.get("value")).isEqualTo("API"));
        given().get("/api/catalog/entity-facets").then().statusCode(400);
    }

    @Test
    void locationOfAnEntityIsItsRegisteredOrigin() {
        JsonPath location = given().get("/api/catalog/locations/by-entity/component/default/order-service").then().statusCode(200)
                .extract().jsonPath();
        assertThat(location.getString("type")).isEqualTo("file");
        assertThat(location.getString("target")).isEqualTo(ExampleCatalogTest.ROOT);
        given().get("/api/catalog/locations/{id}", location.getString("id")).then().statusCode(200);
        given().get("/api/catalog/locations/by-entity/component/default/nope").then().statusCode(404);
    }

    @Test
    void locationsByQueryFiltersAndPages() {
        JsonPath all = given().contentType(ContentType.JSON).body(Map.of("query", Map.of("type", "file"), "limit", 1))
                .post("/api/catalog/locations/by-query").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items")).hasSize(1);
        assertThat(all.getInt("totalItems")).isGreaterThanOrEqualTo(1);
        given().contentType(ContentType.JSON).body(Map.of("query", Map.of("type", "nothing-like-this")))
                .post("/api/catalog/locations/by-query").then().statusCode(200).body("totalItems", equalTo(0));
    }
}
