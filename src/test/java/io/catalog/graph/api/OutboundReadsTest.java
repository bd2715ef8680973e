package io.catalog.graph.api;

import io.catalog.graph.ingest.LocalHttpServer;
import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.register;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.catalog.graph.testing.Descriptors.location;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shipped read policy ({@code *}: public hosts only) with loopback opted in for 127.0.0.1 alone, where the test
 * server listens. Every refused URL is refused before a connection is tried: the server sees no request for it, and
 * the non-loopback addresses are never contacted.
 */
@QuarkusTest
@TestProfile(OutboundReadsTest.PublicHostsOnly.class)
@QuarkusTestResource(CatalogTestResource.class)
class OutboundReadsTest {

    public static class PublicHostsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.catalog.reading.allowed-hosts", "*,127.0.0.1", "catalog.reading.allowed-hosts", "*,127.0.0.1");
        }
    }

    LocalHttpServer server;
    int port;

    @BeforeEach
    void start() throws IOException {
        server = LocalHttpServer.start();
        port = Integer.parseInt(server.url("").replaceAll(".*:", ""));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The test server's port, spelled into targets that reach it through another name or spelling. */
    private String target(String template) {
        return template.replace("PORT", String.valueOf(port));
    }

    @ParameterizedTest
    @CsvSource({
            "http://localhost:PORT/catalog-info.yaml, loopback",
            "http://[::1]:PORT/catalog-info.yaml, loopback",
            "http://2130706433:PORT/catalog-info.yaml, loopback",
            "http://[::ffff:127.0.0.1]:PORT/catalog-info.yaml, loopback",
            "http://0.0.0.0:PORT/catalog-info.yaml, any-local",
            "http://169.254.169.254/latest/meta-data/catalog-info.yaml, link-local",
            "http://10.0.0.1/catalog-info.yaml, private",
            "http://100.64.0.1/catalog-info.yaml, shared",
    })
    void registrationDryRunAndAnalyzeRefuseNonPublicAddresses(String template, String kind) {
        String target = target(template);
        Map<String, String> location = Map.of("type", "url", "target", target);

        given().contentType(ContentType.JSON).body(location).post("/api/catalog/locations")
                .then().statusCode(400).body("error.name", equalTo("InputError"))
                .body("error.message", allOf(containsString(kind), containsString("catalog.reading.allowed-hosts")))
                .body("response.statusCode", equalTo(400));
        given().contentType(ContentType.JSON).queryParam("dryRun", true).body(location).post("/api/catalog/locations")
                .then().statusCode(400).body("error.message", containsString(kind));
        given().contentType(ContentType.JSON).body(Map.of("location", location)).post("/api/catalog/analyze-location")
                .then().statusCode(400).body("error.message", containsString(kind));

        assertThat(server.requests()).isEmpty();
    }

    @Test
    void nestedLocationsAndPlaceholdersFollowTheSamePolicy() {
        server.serve("/root/catalog-info.yaml", documents(
                location("outbound-root", target("http://2130706433:PORT/child/catalog-info.yaml")), """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: outbound-api
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-outbound
                  definition:
                    $text: http://[::ffff:127.0.0.1]:PORT/secret.txt
                """.replace("PORT", String.valueOf(port))));
        server.serve("/child/catalog-info.yaml", "kind: Group\n");
        server.serve("/secret.txt", "secret\n");

        given().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body(Map.of("type", "url", "target", server.url("/root/catalog-info.yaml"))).post("/api/catalog/locations")
                .then().statusCode(400).body("error.message", allOf(containsString("$text"), containsString("loopback")));

        register("url", server.url("/root/catalog-info.yaml"));
        Map<String, Object> child = awaitRead(target("http://2130706433:PORT/child/catalog-info.yaml"));

        assertThat(child.get("status")).isEqualTo("failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) child.get("errors");
        assertThat(errors).extracting(e -> (String) e.get("message")).anyMatch(m -> m.contains("loopback"));
        assertThat(server.requests()).extracting(LocalHttpServer.Request::path).containsOnly("/root/catalog-info.yaml");
    }

    @Test
    void aListedAddressIsReadAsBefore() {
        server.serve("/listed/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: outbound-team\n"
                + "spec:\n  type: team\n  children: []\n");

        register("url", server.url("/listed/catalog-info.yaml"));

        assertThat(awaitRead(server.url("/listed/catalog-info.yaml")).get("status")).isEqualTo("ok");
    }
}
