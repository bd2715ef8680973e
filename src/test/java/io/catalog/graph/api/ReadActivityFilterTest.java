package io.catalog.graph.api;

import io.catalog.graph.app.ReadActivity;
import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;

/** Which requests count as serving reads, for the refresh loop to hold workers back (RefreshService). */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ReadActivityFilterTest {

    @Inject
    ReadActivity reads;

    @BeforeEach
    void quiet() {
        await().atMost(ReadActivity.WINDOW.plusSeconds(5)).until(() -> !reads.serving());
    }

    @Test
    void aCatalogReadCountsAsServing() {
        given().get("/api/catalog/entities?limit=1").then().statusCode(200);

        assertThat(reads.serving()).isTrue();
    }

    @Test
    void aGraphReadCountsAsServing() {
        given().get("/api/graph/entities/component/default/no-such-component/dependents").then().statusCode(oneOf(404, 503));

        assertThat(reads.serving()).isTrue();
    }

    @Test
    void servingEndsAWindowAfterTheLastRead() {
        given().get("/api/catalog/entities?limit=1").then().statusCode(200);
        assertThat(reads.serving()).isTrue();

        await().atMost(ReadActivity.WINDOW.plusSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> !reads.serving());
    }

    @Test
    void writesHealthAndMetricsDoNotCount() {
        given().delete("/api/catalog/entities/by-uid/{uid}", UUID.randomUUID()).then().statusCode(oneOf(204, 401, 404));
        given().get("/q/health/ready").then().statusCode(oneOf(200, 503));
        given().get("/q/metrics").then().statusCode(200);

        assertThat(reads.serving()).isFalse();
    }
}
