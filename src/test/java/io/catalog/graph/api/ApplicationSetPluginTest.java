package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The Argo CD ApplicationSet plugin generator: parameters per entity, tokens, and 503 instead of an empty answer. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ApplicationSetPluginTest {

    static final String TOKEN = "test-argocd-token";

    @Inject
    DataSource dataSource;

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> entities("kind=component,spec.system=order-management").size() >= 3 && pendingLocations() == 0);
    }

    @Test
    void everyServiceOfASystemBecomesAParameterSet() {
        JsonPath answer = execute(Map.of("filter", "kind=component,spec.system=order-management,spec.type=service"))
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> parameters = answer.getList("output.parameters");
        assertThat(parameters).hasSize(entities("kind=component,spec.system=order-management,spec.type=service").size()).isNotEmpty();
        Map<String, Object> orderService = parameters.stream().filter(p -> "order-service".equals(p.get("name"))).findFirst().orElseThrow();
        assertThat(orderService).containsEntry("namespace", "default").containsEntry("kind", "Component")
                .containsEntry("owner", "group:orders-team").containsEntry("system", "order-management")
                .containsEntry("type", "service").containsEntry("lifecycle", "production")
                .containsEntry("entityRef", "component:default/order-service")
                .containsEntry("repoUrl", "https://github.com/northwind/order-service");
        assertThat((Map<String, String>) orderService.get("annotations")).containsEntry("github.com/project-slug", "northwind/order-service");
        assertThat((Map<String, String>) orderService.get("labels")).containsEntry("northwind.example/tier", "tier-1");
    }

    @Test
    void fieldsChooseTheParametersAndFiltersCanBeAList() {
        JsonPath answer = execute(Map.of("filter", List.of("kind=domain", "kind=system"), "fields", List.of("name", "kind")))
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> parameters = answer.getList("output.parameters");
        assertThat(parameters).hasSize(entities("kind=domain").size() + entities("kind=system").size());
        assertThat(parameters).allSatisfy(p -> assertThat(p.keySet()).containsExactly("name", "kind"));
    }

    @Test
    void noMatchIsAnEmptyListOnlyWhenTheCatalogIsComplete() {
        execute(Map.of("filter", "kind=component,metadata.name=no-such-component")).then().statusCode(200)
                .body("output.parameters.size()", equalTo(0));
    }

    @Test
    void anIncompleteCatalogAnswers503NeverAnEmptyList() throws Exception {
        UUID pending = UUID.randomUUID();
        sql("INSERT INTO locations (id, type, target, source, origin, next_refresh_at) VALUES (?, 'file', '/nowhere/" + pending
                + ".yaml', 'api', 'test', now() + interval '1 hour')", pending);
        try {
            execute(Map.of("filter", "kind=component")).then().statusCode(503).body("error.name", equalTo("ServiceUnavailableError"));
        } finally {
            sql("DELETE FROM locations WHERE id = ?", pending);
        }
        execute(Map.of("filter", "kind=component")).then().statusCode(200);
    }

    @Test
    void aLargeAnswerIsStreamedWholeInNameOrder() {
        int services = 60; // several fetches of the cursor the answer is streamed from (the test profile fetches 25)
        StringBuilder yaml = new StringBuilder();
        for (int i = services - 1; i >= 0; i--) { // written backwards: the answer follows the names, not the file
            yaml.append("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: streamed-")
                    .append(String.format("%04d", i))
                    .append("\nspec:\n  type: streamed-job\n  lifecycle: production\n  owner: group:stream-team\n  system: streamed\n");
        }
        Workspace ws = Workspace.create("appset-stream");
        ws.write("services.yaml", yaml.toString());
        String location = CatalogApi.registerFile(ws, "services.yaml");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> entities("kind=component,spec.system=streamed").size() == services);

            JsonPath answer = execute(Map.of("filter", "kind=component,spec.system=streamed", "fields", List.of("name")))
                    .then().statusCode(200).extract().jsonPath();

            List<String> names = answer.getList("output.parameters.name");
            assertThat(names).hasSize(services).isSorted().startsWith("streamed-0000").endsWith("streamed-0059");
        } finally {
            // the location's entities would stay as orphans, in the way of other tests' counts
            given().delete("/api/catalog/locations/{id}", location).then().statusCode(204);
            entities("kind=component,spec.system=streamed").forEach(e -> given()
                    .delete("/api/catalog/entities/by-uid/{uid}", ((Map<?, ?>) e.get("metadata")).get("uid")).then().statusCode(204));
        }
    }

    @Test
    void theTokenIsRequired() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong")
                .body(Map.of("applicationSetName", "x", "input", Map.of("parameters", Map.of())))
                .post("/api/v1/getparams.execute").then().statusCode(403);
        given().contentType(ContentType.JSON).header("Authorization", "Basic abc")
                .body(Map.of("applicationSetName", "x", "input", Map.of("parameters", Map.of())))
                .post("/api/v1/getparams.execute").then().statusCode(401);
    }

    private io.restassured.response.Response execute(Map<String, Object> parameters) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TOKEN)
                .body(Map.of("applicationSetName", "services", "input", Map.of("parameters", parameters)))
                .post("/api/v1/getparams.execute");
    }

    private long pendingLocations() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM locations WHERE status = 'pending'");
             var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String text, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(text)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
