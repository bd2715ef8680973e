package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.StaticFileServer;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.catalog.graph.testing.Descriptors.location;
import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.locationState;
import static io.catalog.graph.testing.CatalogApi.refresh;
import static io.catalog.graph.testing.CatalogApi.register;
import static org.assertj.core.api.Assertions.assertThat;

/** url locations read over real HTTP: placeholders, nested locations, conditional requests, outages. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class UrlLocationTest {

    Workspace ws;
    StaticFileServer server;

    @BeforeEach
    void serve() {
        ws = Workspace.create("url");
        server = new StaticFileServer(ws.root());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void descriptorsPlaceholdersAndNestedLocationsResolveRelativeToTheUrl() {
        ws.write("repo/catalog-info.yaml", documents(location("url-root", "./services/catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: url-api
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-url
                  definition:
                    $text: ./openapi.yaml
                """));
        ws.write("repo/openapi.yaml", "openapi: 3.0.0\ninfo:\n  title: served over http\n");
        ws.write("repo/services/catalog-info.yaml", component("url-service", "team-url"));

        register("url", server.url("repo/catalog-info.yaml"));
        awaitRead(server.url("repo/services/catalog-info.yaml"));

        JsonPath api = entity("api", "url-api");
        assertThat(api.getString("spec.definition")).contains("served over http");
        assertThat(api.getString("metadata.annotations.'backstage.io/managed-by-location'")).isEqualTo("url:" + server.url("repo/catalog-info.yaml"));
        assertThat(api.getString("metadata.annotations.'backstage.io/source-location'")).isEqualTo("url:" + server.url("repo/"));
        assertThat(entity("component", "url-service").getString("metadata.annotations.'backstage.io/managed-by-origin-location'"))
                .isEqualTo("url:" + server.url("repo/catalog-info.yaml"));
    }

    @Test
    void changedPlaceholderTargetIsPickedUpThoughTheDescriptorIsUnchanged() {
        ws.write("dep/catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: dep-api
                spec:
                  type: openapi
                  lifecycle: production
                  owner: team-url
                  definition:
                    $text: ./openapi.yaml
                """);
        ws.write("dep/openapi.yaml", "first version");
        register("url", server.url("dep/catalog-info.yaml"));
        assertThat(entity("api", "dep-api").getString("spec.definition")).isEqualTo("first version");

        ws.write("dep/openapi.yaml", "second version");
        refresh("api:default/dep-api");

        assertThat(entity("api", "dep-api").getString("spec.definition")).isEqualTo("second version");
    }

    @Test
    void unchangedUrlIsNotDownloadedAgain() {
        ws.write("etag/catalog-info.yaml", component("etag-service", "team-url"));
        register("url", server.url("etag/catalog-info.yaml"));
        int downloads = server.fullResponses();

        refresh("component:default/etag-service");
        refresh("component:default/etag-service");

        assertThat(server.fullResponses()).isEqualTo(downloads);
        assertThat(locationState(server.url("etag/catalog-info.yaml")).get("status")).isEqualTo("ok");
    }

    @Test
    void sourceOutageKeepsTheCatalogAndReportsTheError() {
        ws.write("outage/catalog-info.yaml", component("outage-service", "team-url"));
        register("url", server.url("outage/catalog-info.yaml"));
        ws.delete("outage/catalog-info.yaml");

        refresh("component:default/outage-service");

        JsonPath kept = entity("component", "outage-service");
        assertThat(kept).isNotNull();
        assertThat(kept.getString("status.items[0].message")).contains("404");
        assertThat(locationState(server.url("outage/catalog-info.yaml")).get("status")).isEqualTo("failed");
    }
}
