package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.catalog.graph.testing.CatalogApi.entities;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The bounds a read cannot exceed (catalog.limits.*, defaults in the test profile except stream-page-size 25 and
 * read-timeout 4s): huge pages are cut, the unbounded list is streamed page by page, too many facets, order fields
 * or refs are a 400, and a read that cannot finish answers 503 instead of hanging.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ReadBoundsTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void exampleCatalogLoaded() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> entities("kind=user").size() >= 20 && entities("kind=component").size() >= 19);
    }

    /** Every entity ref, page by page through by-query cursors. */
    private static List<String> allRefsByQuery() {
        List<String> refs = new ArrayList<>();
        JsonPath page = given().queryParam("limit", 40).queryParam("fields", "kind,metadata.name").get("/api/catalog/entities/by-query")
                .then().statusCode(200).extract().jsonPath();
        refs.addAll(refs(page.getList("items")));
        while (page.getString("pageInfo.nextCursor") != null) {
            page = given().queryParam("cursor", page.getString("pageInfo.nextCursor")).queryParam("limit", 40)
                    .get("/api/catalog/entities/by-query").then().statusCode(200).extract().jsonPath();
            refs.addAll(refs(page.getList("items")));
        }
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static List<String> refs(List<Map<String, Object>> entities) {
        return entities.stream()
                .map(e -> ((String) e.get("kind")).toLowerCase() + ":default/" + ((Map<String, Object>) e.get("metadata")).get("name"))
                .toList();
    }

    @Test
    void theWholeListIsStreamedAcrossManyPagesWithoutGapsOrDuplicates() {
        Response response = given().queryParam("fields", "kind,metadata.name").get("/api/catalog/entities");

        response.then().statusCode(200).contentType(ContentType.JSON);
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.header("Content-Length")).isNull();
        List<String> streamed = refs(response.jsonPath().getList("$"));
        assertThat(streamed).hasSizeGreaterThan(3 * 25).doesNotHaveDuplicates();
        List<String> sorted = new ArrayList<>(streamed);
        Collections.sort(sorted);
        assertThat(streamed).isEqualTo(sorted);
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(allRefsByQuery());
    }

    @Test
    void aStreamKeepsItsOrderFilterOffsetAndFields() {
        List<String> names = given().queryParam("filter", "kind=user").queryParam("order", "desc:metadata.name").queryParam("offset", 2)
                .queryParam("fields", "metadata.name").get("/api/catalog/entities").then().statusCode(200)
                .extract().jsonPath().getList("metadata.name");
        List<String> all = given().queryParam("filter", "kind=user").queryParam("limit", 1000).get("/api/catalog/entities/by-query")
                .then().statusCode(200).extract().jsonPath().getList("items.metadata.name");
        List<String> expected = new ArrayList<>(all);
        expected.sort(Collections.reverseOrder());
        assertThat(names).isEqualTo(expected.subList(2, expected.size()));
    }

    @Test
    void aLimitAboveTheLargestPageIsServedAsTheLargestPage() {
        int total = given().queryParam("limit", 0).get("/api/catalog/entities/by-query").then().statusCode(200)
                .extract().path("totalItems");

        JsonPath page = given().queryParam("limit", Integer.MAX_VALUE).get("/api/catalog/entities/by-query").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items")).hasSize(Math.min(total, 1000));
        given().contentType(ContentType.JSON).body(Map.of("limit", Long.MAX_VALUE))
                .post("/api/catalog/entities/by-query").then().statusCode(200).body("items.size()", equalTo(Math.min(total, 1000)));
        assertThat(given().queryParam("limit", Integer.MAX_VALUE).get("/api/catalog/entities").then().statusCode(200)
                .extract().jsonPath().getList("$")).hasSize(Math.min(total, 1000));
    }

    @Test
    void aCutPageOfTheListSaysWhereToGoOn() {
        Response first = given().queryParam("filter", "kind=user").queryParam("limit", 7).get("/api/catalog/entities");
        first.then().statusCode(200).body("size()", equalTo(7));
        String link = first.header("Link");
        assertThat(link).matches("<.*after=[A-Za-z0-9_-]+.*>; rel=\"next\"");
    }

    @Test
    void tooManyFacetsAreRefused() {
        List<String> facets = IntStream.range(0, 51).mapToObj(i -> "spec.f" + i).toList();
        given().queryParam("facet", facets.toArray()).get("/api/catalog/entity-facets").then().statusCode(400)
                .body("error.name", equalTo("InputError")).body("error.message", containsString("catalog.limits.max-facets"))
                .body("response.statusCode", equalTo(400));
        given().contentType(ContentType.JSON).body(Map.of("facets", facets)).post("/api/catalog/entity-facets").then().statusCode(400)
                .body("error.message", containsString("at most 50"));
        given().queryParam("facet", facets.subList(0, 50).toArray()).get("/api/catalog/entity-facets").then().statusCode(200);
    }

    @Test
    void tooManyOrderFieldsAreRefused() {
        List<String> order = IntStream.range(0, 11).mapToObj(i -> "asc:spec.f" + i).toList();
        given().queryParam("order", order.toArray()).queryParam("limit", 1).get("/api/catalog/entities").then().statusCode(400)
                .body("error.message", containsString("catalog.limits.max-order-fields"));
        List<String> orderFields = IntStream.range(0, 11).mapToObj(i -> "spec.f" + i + ",asc").toList();
        given().queryParam("orderField", orderFields.toArray()).get("/api/catalog/entities/by-query").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
        List<Map<String, String>> orderBy = IntStream.range(0, 11).mapToObj(i -> Map.of("field", "spec.f" + i, "order", "asc")).toList();
        given().contentType(ContentType.JSON).body(Map.of("orderBy", orderBy)).post("/api/catalog/entities/by-query").then().statusCode(400)
                .body("error.message", containsString("at most 10"));
        given().queryParam("orderField", orderFields.subList(0, 10).toArray()).get("/api/catalog/entities/by-query").then().statusCode(200);
    }

    @Test
    void tooManyRefsAreRefused() {
        List<String> refs = IntStream.range(0, 1001).mapToObj(i -> "component:default/c" + i).toList();
        given().contentType(ContentType.JSON).body(Map.of("entityRefs", refs)).post("/api/catalog/entities/by-refs").then().statusCode(400)
                .body("error.name", equalTo("InputError")).body("error.message", containsString("catalog.limits.max-refs"));
        given().contentType(ContentType.JSON).body(Map.of("entityRefs", refs.subList(0, 1000))).post("/api/catalog/entities/by-refs")
                .then().statusCode(200).body("items.size()", equalTo(1000));
    }

    @Test
    void aReadThatCannotFinishAnswers503InsteadOfHanging() throws Exception {
        try (Connection blocker = dataSource.getConnection(); Statement lock = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            lock.execute("LOCK TABLE entities IN ACCESS EXCLUSIVE MODE");
            try {
                long start = System.nanoTime();
                given().get("/api/catalog/entities/by-name/component/default/order-service").then().statusCode(503)
                        .body("error.name", equalTo("ServiceUnavailableError"))
                        .body("error.message", containsString("catalog.limits.read-timeout"))
                        .body("response.statusCode", equalTo(503));
                given().queryParam("limit", 5).get("/api/catalog/entities/by-query").then().statusCode(503);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            } finally {
                blocker.rollback();
            }
        }
        given().get("/api/catalog/entities/by-name/component/default/order-service").then().statusCode(200);
    }
}
