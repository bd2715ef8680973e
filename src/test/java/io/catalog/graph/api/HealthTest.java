package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The probes Kubernetes calls: alive while the refresh loop runs, ready once the first load is done, and staying so. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class HealthTest {

    @Test
    void livenessSaysTheRefreshLoopRuns() {
        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(live.getString("status")).isEqualTo("UP");
        assertThat(live.getString("checks.find { it.name == 'refresh-loop' }.status")).isEqualTo("UP");
        // the database is not a liveness concern: an outage must not get every replica restarted
        assertThat(live.getList("checks.name", String.class)).doesNotContain("Database connections health check");
    }

    @Test
    void readinessNeedsTheFirstLoadAndTheDatabase() {
        JsonPath ready = awaitReady();
        assertThat(ready.getString("checks.find { it.name == 'catalog-loaded' }.status")).isEqualTo("UP");
        assertThat(ready.getString("checks.find { it.name == 'Database connections health check' }.status")).isEqualTo("UP");
    }

    @Test
    void aLocationFailingLaterDoesNotTakeTheInstanceOutOfService() {
        awaitReady();
        Workspace ws = Workspace.create("health");
        registerFile(ws, "missing.yaml"); // never written: its read fails
        assertThat(awaitRead(ws.root().resolve("missing.yaml").toString())).containsEntry("status", "failed");

        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("status")).isEqualTo("UP");
    }

    private static JsonPath awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        return given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    }
}
