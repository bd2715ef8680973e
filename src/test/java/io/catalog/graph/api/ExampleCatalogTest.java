package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The example catalog a fresh checkout loads is complete, linked and served as Backstage would serve it. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ExampleCatalogTest {

    static final String ROOT = Path.of("ingest/example/catalog-info.yaml").toAbsolutePath().toString();
    static final String ORIGIN = "file:" + ROOT;

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                exampleEntities().size() == 80 && exampleLocations().stream().allMatch(l -> "ok".equals(l.get("status"))));
    }

    @Test
    void everyDescriptorFileIsReadThroughNestedLocations() {
        assertThat(exampleLocations()).hasSize(12).allSatisfy(l -> assertThat(l.get("errors")).asList().isEmpty());
        Map<String, Long> byKind = exampleEntities().stream().collect(Collectors.groupingBy(e -> (String) e.get("kind"), Collectors.counting()));
        assertThat(byKind).containsEntry("Component", 19L).containsEntry("API", 9L).containsEntry("Resource", 7L)
                .containsEntry("System", 6L).containsEntry("Domain", 3L).containsEntry("Group", 12L).containsEntry("User", 20L)
                .containsEntry("Location", 4L);
    }

    @Test
    void configuredLocationIsListedWithItsGeneratedLocationEntity() {
        List<Map<String, Object>> locations = given().get("/api/catalog/locations").then().statusCode(200).extract().jsonPath().getList("data");
        assertThat(locations).anySatisfy(l -> {
            assertThat(l).containsEntry("type", "file").containsEntry("target", ROOT);
        });
        List<Map<String, Object>> generated = entities("kind=location,spec.target=" + ROOT);
        assertThat(generated).hasSize(1);
        assertThat((String) ((Map<?, ?>) generated.get(0).get("metadata")).get("name")).startsWith("generated-").hasSize(50);
    }

    @Test
    void relationsAreServedInBothDirections() {
        JsonPath service = entity("component", "order-service");
        assertThat(relations(service)).contains(
                "ownedBy:group:default/orders-team", "partOf:system:default/order-management",
                "providesApi:api:default/orders-api", "consumesApi:api:default/inventory-api",
                "dependsOn:resource:default/orders-db", "dependsOn:component:default/shared-auth-lib");

        assertThat(relations(entity("group", "orders-team"))).contains("ownerOf:component:default/order-service");
        assertThat(relations(entity("system", "order-management"))).contains("hasPart:component:default/order-service");
        assertThat(relations(entity("api", "orders-api"))).contains("apiProvidedBy:component:default/order-service");
        assertThat(relations(entity("api", "inventory-api"))).contains("apiConsumedBy:component:default/order-service");
        assertThat(relations(entity("resource", "orders-db"))).contains("dependencyOf:component:default/order-service");
    }

    @Test
    void groupHierarchyAndMembershipAreLinkedBothWays() {
        JsonPath team = entity("group", "orders-team");
        String parent = relations(team).stream().filter(r -> r.startsWith("childOf:")).findFirst().orElseThrow().substring("childOf:".length());
        String parentName = parent.substring(parent.indexOf('/') + 1);
        assertThat(relations(entity("group", parentName))).contains("parentOf:group:default/orders-team");

        List<String> members = relations(team).stream().filter(r -> r.startsWith("hasMember:")).toList();
        assertThat(members).isNotEmpty();
        String user = members.get(0).substring(members.get(0).lastIndexOf('/') + 1);
        assertThat(relations(entity("user", user))).contains("memberOf:group:default/orders-team");
    }

    @Test
    void placeholdersAreResolvedAndCatalogAnnotationsSet() {
        JsonPath api = entity("api", "orders-api");
        assertThat(api.getString("spec.definition")).contains("openapi:").doesNotContain("$text");
        Map<String, String> annotations = api.getMap("metadata.annotations");
        assertThat(annotations.get("backstage.io/managed-by-location")).startsWith("file:").endsWith("order-management/apis.yaml");
        assertThat(annotations).containsEntry("backstage.io/managed-by-origin-location", ORIGIN);
        assertThat(annotations.get("backstage.io/source-location")).startsWith("file:").endsWith("order-management/");
        assertThat(api.getString("metadata.uid")).isNotBlank();
        assertThat(api.getString("metadata.etag")).isNotBlank();
        assertThat(api.getString("metadata.namespace")).isEqualTo("default");
        assertThat(api.getMap("status")).isNull();
    }

    private static List<Map<String, Object>> exampleEntities() {
        return entities("metadata.annotations.backstage.io/managed-by-origin-location=" + ORIGIN);
    }

    private static List<Map<String, Object>> exampleLocations() {
        List<Map<String, Object>> all = given().get("/api/admin/locations").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(l -> ORIGIN.equals(l.get("origin"))).toList();
    }

    static List<String> relations(JsonPath entity) {
        List<Map<String, String>> relations = entity.getList("relations");
        return relations.stream().map(r -> r.get("type") + ":" + r.get("targetRef")).toList();
    }
}
