package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list route, fed the edge values people and scripts send by accident: each answers 200 with a well-formed
 * body or 400 in Backstage's error shape, never a 500 (or a 404 for a parameter that is merely malformed).
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class ReadEdgeValuesTest {

    /** Long enough to hurt, short enough for a GET request line (Vert.x takes 4096 characters). */
    static final String LONG_GARBAGE = "A".repeat(3000);
    /** Only a body can carry this much. */
    static final String HUGE_GARBAGE = "eyJ2Ijpb" + "QUFB".repeat(50_000);

    /** One request: a GET with query parameters, or a POST with a raw JSON body. */
    record Call(String method, String path, Map<String, String> query, String body) {

        static Call get(String path, String parameter, String value) {
            return new Call("GET", path, Map.of(parameter, value), null);
        }

        static Call post(String path, String body) {
            return new Call("POST", path, Map.of(), body);
        }

        Response send() {
            RequestSpecification request = given().urlEncodingEnabled(true);
            if (path.endsWith("/entity-facets") && !query.containsKey("facet")) {
                request = request.queryParam("facet", "kind");
            }
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                request = request.queryParam(parameter.getKey(), parameter.getValue());
            }
            if (body != null) {
                return request.contentType(ContentType.JSON).body(body).post(path);
            }
            return request.get(path);
        }

        @Override
        public String toString() {
            String shown = body != null ? body : query.toString();
            return method + " " + path + " " + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown);
        }
    }

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Call> calls() {
        List<String> numbers = List.of("0", "-1", "2147483647", "2147483648", "-2147483648", "abc", "1.5", "", "1e3");
        List<String> cursors = List.of("not a cursor!", LONG_GARBAGE, base64("{}"), base64("[]"), base64("null"),
                base64("{\"v\":[],\"r\":null}"), base64("{\"offset\":-5}"), "%%%", "e30=");
        List<Call> calls = new ArrayList<>();
        for (String path : List.of("/api/catalog/entities", "/api/catalog/entities/by-query", "/api/catalog/entity-facets",
                "/api/catalog/locations")) {
            for (String number : numbers) {
                calls.add(Call.get(path, "limit", number));
                calls.add(Call.get(path, "offset", number));
            }
            for (String fields : List.of("", ",", ".", "metadata..name", "x".repeat(2000))) {
                calls.add(Call.get(path, "fields", fields));
            }
        }
        for (String cursor : cursors) {
            calls.add(Call.get("/api/catalog/entities", "after", cursor));
            calls.add(Call.get("/api/catalog/entities/by-query", "cursor", cursor));
        }
        for (String order : List.of("", "asc:", "sideways:metadata.name", ":", "desc:" + "x".repeat(2000))) {
            calls.add(Call.get("/api/catalog/entities", "order", order));
        }
        for (String order : List.of("", ",asc", "metadata.name,up", ",", "metadata.name,")) {
            calls.add(Call.get("/api/catalog/entities/by-query", "orderField", order));
        }
        for (String value : List.of("", "sometimes", "EXCLUDE")) {
            calls.add(Call.get("/api/catalog/entities/by-query", "totalItems", value));
        }
        for (String term : List.of("", "%", "_", "\\", "x".repeat(2000))) {
            calls.add(Call.get("/api/catalog/entities/by-query", "fullTextFilterTerm", term));
        }
        for (String facet : List.of("", ",", "x".repeat(2000))) {
            calls.add(Call.get("/api/catalog/entity-facets", "facet", facet));
        }
        for (String filter : List.of("", "=", "kind=", ",,,")) {
            calls.add(Call.get("/api/catalog/entities", "filter", filter));
            calls.add(Call.get("/api/catalog/entity-facets", "filter", filter));
        }

        List<String> jsonNumbers = List.of("0", "-1", "2147483647", "2147483648", "9223372036854775808", "\"abc\"", "1.5",
                "\"\"", "null", "true", "[]", "{}");
        for (String number : jsonNumbers) {
            calls.add(Call.post("/api/catalog/entities/by-query", "{\"limit\": " + number + "}"));
            calls.add(Call.post("/api/catalog/entities/by-query", "{\"offset\": " + number + "}"));
            calls.add(Call.post("/api/catalog/locations/by-query", "{\"limit\": " + number + "}"));
        }
        List<String> jsonCursors = new ArrayList<>(cursors.stream().map(c -> "\"" + c.replace("\\", "\\\\") + "\"").toList());
        jsonCursors.addAll(List.of("\"" + HUGE_GARBAGE + "\"", "7", "{}", "[]", "\"\""));
        for (String cursor : jsonCursors) {
            calls.add(Call.post("/api/catalog/entities/by-query", "{\"cursor\": " + cursor + "}"));
            calls.add(Call.post("/api/catalog/locations/by-query", "{\"cursor\": " + cursor + "}"));
        }
        for (String body : List.of("[]", "7", "\"text\"", "{\"fields\": []}", "{\"fields\": \"\"}", "{\"fields\": [7, null]}",
                "{\"orderBy\": \"metadata.name\"}", "{\"orderBy\": [{\"field\": \"\"}]}", "{\"orderBy\": [7]}",
                "{\"orderBy\": [{\"field\": \"metadata.name\", \"order\": \"up\"}]}", "{\"totalItems\": \"sometimes\"}",
                "{\"totalItems\": 7}", "{\"fullTextFilter\": {\"term\": 7}}", "{\"fullTextFilter\": \"x\"}", "{\"query\": 7}",
                "{\"query\": []}")) {
            calls.add(Call.post("/api/catalog/entities/by-query", body));
        }
        for (String body : List.of("{}", "[]", "{\"query\": 7}", "{\"query\": {\"type\": {\"$nope\": 1}}}")) {
            calls.add(Call.post("/api/catalog/locations/by-query", body));
        }
        for (String body : List.of("{}", "[]", "7", "{\"entityRefs\": []}", "{\"entityRefs\": [null]}", "{\"entityRefs\": \"component:x\"}",
                "{\"entityRefs\": [7]}", "{\"entityRefs\": [\"\"]}", "{\"entityRefs\": [\"::\"]}", "{\"entityRefs\": [\"" + "x".repeat(5000) + "\"]}",
                "{\"entityRefs\": [\"component:default/order-service\"], \"fields\": []}",
                "{\"entityRefs\": [\"component:default/order-service\"], \"fields\": [\"\"]}",
                "{\"entityRefs\": [\"component:default/order-service\"], \"query\": 7}")) {
            calls.add(Call.post("/api/catalog/entities/by-refs", body));
        }
        for (String body : List.of("{}", "[]", "{\"facets\": []}", "{\"facets\": \"kind\"}", "{\"facets\": [null]}", "{\"facets\": [7]}",
                "{\"facets\": [\"kind\"], \"query\": 7}")) {
            calls.add(Call.post("/api/catalog/entity-facets", body));
        }
        return calls;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void answersAWellFormedPageOrABackstageInputError(Call call) {
        Response response = call.send();

        assertThat(response.statusCode()).as(call + " answered " + response.asString()).isIn(200, 400);
        if (response.statusCode() == 400) {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.jsonPath().getString("error.name")).isEqualTo("InputError");
            assertThat(response.jsonPath().getString("error.message")).isNotBlank().hasSizeLessThan(1000);
            assertThat(response.jsonPath().getString("request.method")).isEqualTo(call.method());
            assertThat(response.jsonPath().getInt("response.statusCode")).isEqualTo(400);
        } else {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat((Object) response.jsonPath().get("$")).isNotNull();
        }
    }
}
