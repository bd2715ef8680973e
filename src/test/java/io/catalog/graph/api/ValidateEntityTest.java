package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /api/catalog/validate-entity} accepts what Backstage accepts and lists every problem otherwise. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ValidateEntityTest {

    static Map<String, Object> component(Map<String, Object> metadata, Map<String, Object> spec) {
        return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata", metadata, "spec", spec);
    }

    @Test
    void validEntityAnswers200() {
        given().contentType(ContentType.JSON)
                .body(Map.of("location", "url:https://example.com/catalog-info.yaml", "entity",
                        component(Map.of("name", "fine"), Map.of("type", "service", "lifecycle", "production", "owner", "team"))))
                .post("/api/catalog/validate-entity").then().statusCode(200);
    }

    @Test
    void invalidEntityAnswers400WithEveryProblem() {
        List<Map<String, Object>> errors = given().contentType(ContentType.JSON)
                .body(Map.of("location", "url:https://example.com/catalog-info.yaml", "entity",
                        component(Map.of("name", "-bad-name-", "tags", List.of("Not A Tag")), Map.of("type", "service"))))
                .post("/api/catalog/validate-entity").then().statusCode(400).extract().jsonPath().getList("errors");
        assertThat(errors).allSatisfy(e -> assertThat(e.get("name")).isEqualTo("InputError"));
        String messages = errors.toString();
        assertThat(messages).contains("metadata.name").contains("metadata.tags").contains("lifecycle").contains("owner");
    }

    @Test
    void unknownKindIsRejected() {
        given().contentType(ContentType.JSON)
                .body(Map.of("location", "url:https://example.com/x.yaml", "entity",
                        Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Gadget", "metadata", Map.of("name", "g"), "spec", Map.of())))
                .post("/api/catalog/validate-entity").then().statusCode(400);
    }

    @Test
    void malformedRequestAnswers400InErrorShape() {
        given().contentType(ContentType.JSON).body(Map.of("entity", Map.of("kind", "Component")))
                .post("/api/catalog/validate-entity").then().statusCode(400).body("error.name", equalTo("InputError"));
        given().contentType(ContentType.JSON).body(Map.of("location", "url:x"))
                .post("/api/catalog/validate-entity").then().statusCode(400).body("error.name", equalTo("InputError"));
    }
}
