package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code GET /api/catalog/entities} and friends over the example catalog: filters, fields, order, paging, errors. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class EntityQueryTest {

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> names("kind=user").size() >= 20 && names("kind=api").size() >= 9 && names("kind=component").size() >= 19);
    }

    @Test
    void conditionsInOneFilterAreAndedAndRepeatedFiltersAreOred() {
        assertThat(names("kind=component,spec.type=website")).allSatisfy(n -> assertThat(n).isNotBlank())
                .isNotEmpty()
                .doesNotContainAnyElementsOf(names("kind=component,spec.type=service"));
        List<String> either = names("kind=domain", "kind=system");
        assertThat(either).hasSize(names("kind=domain").size() + names("kind=system").size());
    }

    @Test
    void keyAndValueMatchIgnoreCase() {
        assertThat(names("KIND=Component,Spec.Type=SERVICE")).containsExactlyInAnyOrderElementsOf(names("kind=component,spec.type=service"))
                .contains("order-service");
    }

    @Test
    void sameKeyTwiceInOneFilterMatchesEitherValue() {
        assertThat(names("kind=domain,kind=system")).hasSize(names("kind=domain").size() + names("kind=system").size());
    }

    @Test
    void bareKeyMatchesEntitiesThatHaveTheField() {
        List<String> withSubcomponent = names("spec.subcomponentOf");
        assertThat(withSubcomponent).hasSize(2);
        assertThat(names("kind=component")).containsAll(withSubcomponent);
    }

    @Test
    void arrayFieldsMatchAnyElement() {
        assertThat(names("metadata.tags=java")).contains("order-service");
        assertThat(names("metadata.tags.java")).containsExactlyInAnyOrderElementsOf(names("metadata.tags=java"));
        assertThat(names("metadata.tags.java=true")).containsExactlyInAnyOrderElementsOf(names("metadata.tags=java"));
        assertThat(names("spec.dependsOn=resource:orders-db")).contains("order-service");
    }

    @Test
    void relationFiltersFollowRelationsInEitherDirection() {
        assertThat(names("relations.ownedBy=group:default/orders-team")).contains("order-service", "orders-api", "orders-db");
        assertThat(names("kind=group,relations.ownerOf=component:default/order-service")).containsExactly("orders-team");
        assertThat(names("relations.hasMember")).allSatisfy(n -> assertThat(entities("kind=group,metadata.name=" + n)).hasSize(1));
    }

    @Test
    void fieldsSelectsOnlyTheNamedPaths() {
        List<Map<String, Object>> items = given().queryParam("filter", "kind=component,metadata.name=order-service")
                .queryParam("fields", "kind,metadata.name").queryParam("fields", "spec.owner")
                .get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(items).containsExactly(Map.of("kind", "Component", "metadata", Map.of("name", "order-service"),
                "spec", Map.of("owner", "group:orders-team")));
    }

    @Test
    void orderSortsByAnyFieldInEitherDirection() {
        List<String> ascending = given().queryParam("filter", "kind=user").queryParam("order", "asc:metadata.name")
                .get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("metadata.name");
        assertThat(ascending).isSorted().hasSizeGreaterThanOrEqualTo(20);
        List<String> descending = given().queryParam("filter", "kind=user").queryParam("order", "desc:metadata.name")
                .get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("metadata.name");
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);

        List<String> byType = given().queryParam("filter", "kind=component").queryParam("order", "asc:spec.type")
                .queryParam("fields", "spec.type").get("/api/catalog/entities").then().statusCode(200).extract().jsonPath()
                .getList("spec.type");
        assertThat(byType).isSorted();
    }

    @Test
    void cursorPagingWalksEveryItemOnceFollowingTheLinkHeader() {
        List<String> all = given().queryParam("filter", "kind=user").queryParam("order", "asc:metadata.name")
                .get("/api/catalog/entities").then().extract().jsonPath().getList("metadata.name");
        List<String> paged = new ArrayList<>();
        Response page = given().queryParam("filter", "kind=user").queryParam("order", "asc:metadata.name")
                .queryParam("limit", 7).get("/api/catalog/entities");
        int pages = 1;
        while (true) {
            page.then().statusCode(200);
            List<String> names = page.jsonPath().getList("metadata.name");
            assertThat(names).hasSizeLessThanOrEqualTo(7);
            paged.addAll(names);
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
            assertThat(next.find()).isTrue();
            page = given().urlEncodingEnabled(false).get(next.group(1));
            pages++;
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void offsetAndLimitCutTheOrderedList() {
        List<String> all = given().queryParam("filter", "kind=group").queryParam("order", "asc:metadata.name")
                .get("/api/catalog/entities").then().extract().jsonPath().getList("metadata.name");
        List<String> slice = given().queryParam("filter", "kind=group").queryParam("order", "asc:metadata.name")
                .queryParam("offset", 2).queryParam("limit", 3).get("/api/catalog/entities").then().statusCode(200)
                .extract().jsonPath().getList("metadata.name");
        assertThat(slice).containsExactlyElementsOf(all.subList(2, 5));
    }

    @Test
    void byNameAndByUidFindTheSameEntity() {
        String uid = given().get("/api/catalog/entities/by-name/Component/default/Order-Service").then().statusCode(200)
                .body("metadata.name", equalTo("order-service")).extract().path("metadata.uid");
        given().get("/api/catalog/entities/by-uid/{uid}", uid).then().statusCode(200).body("metadata.name", equalTo("order-service"));
    }

    @Test
    void missingEntityAnswers404InBackstageErrorShape() {
        given().get("/api/catalog/entities/by-name/component/default/no-such-thing").then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"))
                .body("error.message", startsWith("No entity named"))
                .body("request.method", equalTo("GET"))
                .body("request.url", equalTo("/api/catalog/entities/by-name/component/default/no-such-thing"))
                .body("response.statusCode", equalTo(404));
        given().get("/api/catalog/entities/by-uid/0b8b1c9e-0000-4000-8000-000000000000").then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
    }

    @Test
    void malformedQueriesAnswer400() {
        given().queryParam("filter", "=component").get("/api/catalog/entities").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
        given().queryParam("order", "sideways:metadata.name").get("/api/catalog/entities").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
        given().queryParam("after", "not-a-cursor").get("/api/catalog/entities").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
        given().queryParam("limit", -1).get("/api/catalog/entities").then().statusCode(400);
    }

    private static List<String> names(String... filters) {
        return entities(filters).stream().map(e -> (String) ((Map<?, ?>) e.get("metadata")).get("name")).toList();
    }
}
