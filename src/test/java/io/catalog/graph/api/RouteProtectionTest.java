package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.locationState;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.catalog.graph.testing.Descriptors.component;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protected routes, asked for without a token in the spellings an attacker would try. The router may or may not
 * match a spelling; whatever it matches must refuse (401), and nothing may change.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class RouteProtectionTest {

    /** What a spelling may answer: refused, or not a route at all. Never the handler's own answer. */
    private static final Set<Integer> NOT_REACHED = Set.of(401, 404, 405);

    @TestHTTPResource("/")
    URL base;

    record Call(String method, String path, String body) {
    }

    @Test
    void noSpellingOfAProtectedRouteGetsPastTheTokenCheck() throws IOException {
        Workspace ws = Workspace.create("route-protection");
        ws.write("catalog-info.yaml", component("guarded-service", "team-a"));
        String locationId = registerFile(ws, "catalog-info.yaml");
        String uid = entity("component", "guarded-service").getString("metadata.uid");
        String newTarget = ws.root().resolve("moved.yaml").toString();
        ws.write("moved.yaml", component("moved-service", "team-a"));
        String registration = "{\"type\":\"file\",\"target\":\"" + ws.root().resolve("other.yaml") + "\"}";
        ws.write("other.yaml", component("smuggled-service", "team-a"));

        List<Call> protectedCalls = List.of(
                new Call("POST", "/api/catalog/locations", registration),
                new Call("POST", "/api/catalog/locations?dryRun=true", registration),
                new Call("PUT", "/api/catalog/locations/" + locationId, "{\"type\":\"file\",\"target\":\"" + newTarget + "\"}"),
                new Call("DELETE", "/api/catalog/locations/" + locationId, null),
                new Call("DELETE", "/api/catalog/entities/by-uid/" + uid, null),
                new Call("POST", "/api/catalog/refresh", "{\"entityRef\":\"component:default/guarded-service\"}"),
                new Call("POST", "/api/catalog/analyze-location", "{\"location\":{\"type\":\"file\",\"target\":\"" + ws.root() + "\"}}"),
                new Call("POST", "/api/admin/locations/prune-configured", null),
                new Call("POST", "/api/v1/getparams.execute", "{\"applicationSetName\":\"x\",\"input\":{\"parameters\":{}}}"));

        Map<String, Integer> answers = new LinkedHashMap<>();
        Map<String, Integer> wrongToken = new LinkedHashMap<>();
        List<String> refusedSpellings = new ArrayList<>();
        for (Call call : protectedCalls) {
            for (String spelling : spellings(call.path())) {
                int status = send(call.method(), spelling, call.body(), null);
                answers.put(call.method() + " " + spelling, status);
                if (status == 401) {
                    refusedSpellings.add(call.method() + " " + spelling);
                }
            }
            wrongToken.put(call.method() + " " + call.path(), send(call.method(), call.path(), call.body(), "Bearer not-a-token"));
        }

        assertThat(answers).allSatisfy((request, status) -> assertThat(status).as(request).isIn(NOT_REACHED));
        assertThat(wrongToken).allSatisfy((request, status) -> assertThat(status).as(request).isEqualTo(403));
        // the spellings the router does take are refused, not just unknown
        assertThat(refusedSpellings).contains("POST /api/catalog/locations/", "POST /api/catalog/locations",
                "DELETE /api/catalog/entities/by-uid/" + uid + "/", "POST /api/v1/getparams.execute/");
        // and nothing changed
        assertThat(entity("component", "guarded-service")).isNotNull();
        assertThat(entity("component", "smuggled-service")).isNull();
        assertThat(entity("component", "moved-service")).isNull();
        assertThat(locationState(ws.root().resolve("other.yaml").toString())).isNull();
    }

    @Test
    void withoutAWebhookSecretTheWebhookRoutesAcceptNothingEvenWithACatalogToken() throws IOException {
        // this profile configures no catalog.github.webhook-secret: whatever a delivery is signed with, and whatever
        // token comes along, it is refused
        String body = "{\"zen\":\"Design for failure.\"}";
        for (String path : List.of("/api/github/webhook", "/api/events/http/github")) {
            for (String spelling : spellings(path)) {
                assertThat(send("POST", spelling, body, null)).as(spelling).isIn(NOT_REACHED);
            }
            assertThat(send("POST", path, body, "Bearer test-writer-token")).as(path + " with a catalog token").isEqualTo(401);
        }
    }

    @Test
    void readsNeedNoTokenInAnySpelling() throws IOException {
        for (String spelling : List.of("/api/catalog/entities?limit=1", "/api/catalog/entities/?limit=1", "/api/admin/locations/")) {
            assertThat(send("GET", spelling, null, null)).as(spelling).isEqualTo(200);
        }
    }

    /** The path as written, and the ways a path can be respelled so that a string comparison no longer sees it. */
    private static List<String> spellings(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q);
        String last = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, path.lastIndexOf('/'));
        List<String> paths = List.of(
                path,
                path + "/",
                "/" + path,
                path.replaceFirst("^/api/", "/api//"),
                parent + "/./" + last,
                parent + "/x/../" + last,
                parent + "/%2e/" + last,
                path.replaceFirst("^/api/([a-z])", "/api/%" + Integer.toHexString(path.charAt(5)) + ""),
                parent + "/" + "%" + Integer.toHexString(last.charAt(0)) + last.substring(1),
                path + ";jsessionid=1",
                path + "%2F",
                path.toUpperCase());
        return paths.stream().map(p -> p + query).toList();
    }

    /** One HTTP/1.1 request written byte for byte, so that no client library tidies the path first. */
    private int send(String method, String path, String body, String authorization) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String statusLine = firstLine(socket.getInputStream());
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
    }
}
