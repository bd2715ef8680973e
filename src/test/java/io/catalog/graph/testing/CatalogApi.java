package io.catalog.graph.testing;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The catalog's HTTP API as the tests use it: thin wrappers around real requests. */
public final class CatalogApi {

    private CatalogApi() {
    }

    /** Registers a location through {@code POST /api/catalog/locations}; returns its id. */
    public static String register(String type, String target) {
        return given().contentType(ContentType.JSON).body(Map.of("type", type, "target", target))
                .post("/api/catalog/locations")
                .then().statusCode(201).extract().path("location.id");
    }

    public static String registerFile(Workspace workspace, String relativePath) {
        return register("file", workspace.root().resolve(relativePath).toString());
    }

    public static void refresh(String entityRef) {
        given().contentType(ContentType.JSON).body(Map.of("entityRef", entityRef))
                .post("/api/catalog/refresh").then().statusCode(200);
    }

    /** The entity, or null when the catalog answers 404. */
    public static JsonPath entity(String kind, String name) {
        Response response = given().get("/api/catalog/entities/by-name/{kind}/default/{name}", kind, name);
        if (response.statusCode() == 404) {
            return null;
        }
        response.then().statusCode(200);
        return response.jsonPath();
    }

    public static List<Map<String, Object>> entities(String... filters) {
        var request = given();
        for (String filter : filters) {
            request = request.queryParam("filter", filter);
        }
        return request.get("/api/catalog/entities").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The operator view of one location (by target path or URL), or null. */
    public static Map<String, Object> locationState(String target) {
        List<Map<String, Object>> all = given().get("/api/admin/locations").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(l -> target.equals(l.get("target"))).findFirst().orElse(null);
    }

    /** Waits (polling) until the projector has applied every committed change to the graph. */
    public static void awaitGraphCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().get("/api/graph/consistency").then().statusCode(200).extract().jsonPath().getInt("pendingChanges") == 0);
    }

    /**
     * Waits until {@code /api/graph/consistency} says consistent. It counts both stores, so it is asked every 2 s (and
     * a busy 503 is asked again).
     */
    public static void awaitGraphConsistent(Duration atMost) {
        // at a million entities one check takes longer than the tests' default 30 s socket timeout
        var patient = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", (int) atMost.toMillis()));
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
            var response = given().config(patient).get("/api/graph/consistency");
            return response.statusCode() == 200 && response.jsonPath().getBoolean("consistent");
        });
    }

    /** Waits (polling) until the refresh loop has read the location at {@code target} at least once. */
    public static Map<String, Object> awaitRead(String target) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> state = locationState(target);
            return state != null && !"pending".equals(state.get("status"));
        });
        return locationState(target);
    }
}
