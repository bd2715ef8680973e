package io.catalog.graph.testing;

import io.restassured.path.json.JsonPath;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What the GitHub discovery tests do through the catalog's own routes: scan a provider, wait for what it serves. */
public final class Discovery {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Discovery() {
    }

    /** {@code POST /api/admin/providers/{id}/scan}: the scan's summary, once it has ended. */
    public static JsonPath scan(String provider) {
        return given().post("/api/admin/providers/{id}/scan", provider).then().statusCode(200).extract().jsonPath();
    }

    /** The Component, once the catalog serves it. */
    public static JsonPath awaitEntity(String name) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> CatalogApi.entity("component", name), e -> e != null);
    }

    public static void awaitGone(String name) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> CatalogApi.entity("component", name) == null);
    }

    /** Until every location a scan registered was read, so the refresh loop makes no request meanwhile. */
    public static void awaitAllRead() {
        await().atMost(WAIT).until(() -> given().get("/api/admin/locations").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.source == 'provider' }.status", String.class).stream().noneMatch("pending"::equals));
    }
}
