package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.catalog.graph.testing.Descriptors.group;
import static io.catalog.graph.testing.Descriptors.location;
import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.locationState;
import static io.catalog.graph.testing.CatalogApi.refresh;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Registering, refreshing, breaking and removing locations, as a user of the API would. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class LocationLifecycleTest {

    @Test
    void registeredFileIsReadAtOnceAndListed() {
        Workspace ws = Workspace.create("register");
        ws.write("catalog-info.yaml", documents(group("reg-team"), component("reg-service", "reg-team")));

        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("type", "file", "target", ws.root().resolve("catalog-info.yaml").toString()))
                .post("/api/catalog/locations").then().statusCode(201).extract().jsonPath();
        String id = created.getString("location.id");
        assertThat(created.getString("location.type")).isEqualTo("file");
        assertThat(created.getList("entities.metadata.name", String.class)).contains("reg-team", "reg-service");

        assertThat(entity("component", "reg-service").getString("spec.owner")).isEqualTo("reg-team");
        given().get("/api/catalog/locations").then().statusCode(200).body("data.id", hasItem(id));
        given().get("/api/catalog/locations/{id}", id).then().statusCode(200)
                .body("target", equalTo(ws.root().resolve("catalog-info.yaml").toString()));

        given().contentType(ContentType.JSON).body(Map.of("type", "file", "target", ws.root().resolve("catalog-info.yaml").toString()))
                .post("/api/catalog/locations").then().statusCode(409).body("error.name", equalTo("ConflictError"));
    }

    @Test
    void dryRunShowsWhatWouldBeAddedAndStoresNothing() {
        Workspace ws = Workspace.create("dry-run");
        ws.write("catalog-info.yaml", documents(location("dry-root", "./more.yaml"), component("dry-service", "dry-team")));
        ws.write("more.yaml", group("dry-team"));

        JsonPath result = given().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body(Map.of("type", "file", "target", ws.root().resolve("catalog-info.yaml").toString()))
                .post("/api/catalog/locations").then().statusCode(201).extract().jsonPath();
        assertThat(result.getBoolean("exists")).isFalse();
        assertThat(result.getList("entities.metadata.name", String.class))
                .contains("dry-root", "dry-service", "dry-team").anyMatch(n -> n.startsWith("generated-"));

        assertThat(entity("component", "dry-service")).isNull();
        assertThat(locationState(ws.root().resolve("catalog-info.yaml").toString())).isNull();
    }

    @Test
    void locationsOutsideWhatTheCatalogMayReadAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("type", "file", "target", "/etc/hosts"))
                .post("/api/catalog/locations").then().statusCode(400).body("error.message", containsString("file-roots"));
        given().contentType(ContentType.JSON).body(Map.of("type", "url", "target", "https://example.com/catalog-info.yaml"))
                .post("/api/catalog/locations").then().statusCode(400).body("error.message", containsString("allowed-hosts"));
        given().contentType(ContentType.JSON).body(Map.of("type", "ftp", "target", "x"))
                .post("/api/catalog/locations").then().statusCode(400).body("error.name", equalTo("InputError"));
        given().contentType(ContentType.JSON).body(Map.of("type", "url"))
                .post("/api/catalog/locations").then().statusCode(400);
    }

    @Test
    void editedFileShowsUpAfterRefreshWithSameUidAndNewEtag() {
        Workspace ws = Workspace.create("edit");
        ws.write("catalog-info.yaml", component("edit-service", "team-one"));
        registerFile(ws, "catalog-info.yaml");
        JsonPath before = entity("component", "edit-service");

        ws.write("catalog-info.yaml", component("edit-service", "team-two"));
        refresh("component:default/edit-service");

        JsonPath after = entity("component", "edit-service");
        assertThat(after.getString("spec.owner")).isEqualTo("team-two");
        assertThat(after.getString("metadata.uid")).isEqualTo(before.getString("metadata.uid"));
        assertThat(after.getString("metadata.etag")).isNotEqualTo(before.getString("metadata.etag"));
        assertThat(ExampleCatalogTest.relations(after)).contains("ownedBy:group:default/team-two").doesNotContain("ownedBy:group:default/team-one");
    }

    @Test
    void entityRemovedFromASuccessfullyReadFileIsRemoved() {
        Workspace ws = Workspace.create("removal");
        ws.write("catalog-info.yaml", documents(component("stays", "t"), component("goes-away", "t")));
        registerFile(ws, "catalog-info.yaml");
        assertThat(entity("component", "goes-away")).isNotNull();

        ws.write("catalog-info.yaml", component("stays", "t"));
        refresh("component:default/stays");

        assertThat(entity("component", "goes-away")).isNull();
        assertThat(entity("component", "stays")).isNotNull();
    }

    @Test
    void invalidDescriptorKeepsLastGoodVersionWithErrorInStatus() {
        Workspace ws = Workspace.create("invalid");
        ws.write("catalog-info.yaml", documents(component("keeps-good", "t"), component("neighbour", "t")));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", documents("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: keeps-good
                spec:
                  type: service
                  owner: someone-else
                """, component("neighbour", "changed-owner")));
        refresh("component:default/neighbour");

        JsonPath kept = entity("component", "keeps-good");
        assertThat(kept.getString("spec.owner")).isEqualTo("t");
        assertThat(kept.getString("status.items[0].level")).isEqualTo("error");
        assertThat(kept.getString("status.items[0].type")).isEqualTo("backstage.io/catalog-processing");
        assertThat(kept.getString("status.items[0].message")).contains("lifecycle");
        assertThat(entity("component", "neighbour").getString("spec.owner")).isEqualTo("changed-owner");

        ws.write("catalog-info.yaml", documents(component("keeps-good", "fixed"), component("neighbour", "changed-owner")));
        refresh("component:default/neighbour");
        JsonPath fixed = entity("component", "keeps-good");
        assertThat(fixed.getString("spec.owner")).isEqualTo("fixed");
        assertThat(fixed.getMap("status")).isNull();
    }

    @Test
    void brokenYamlKeepsEverythingServedAndReportsTheLine() {
        Workspace ws = Workspace.create("broken-yaml");
        ws.write("catalog-info.yaml", documents(component("yaml-one", "t"), component("yaml-two", "t")));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", component("yaml-one", "t") + "---\nkind: Component\nmetadata: [unclosed\n  name: x\n");
        refresh("component:default/yaml-one");

        assertThat(entity("component", "yaml-two")).isNotNull();
        JsonPath one = entity("component", "yaml-one");
        assertThat(one.getString("status.items[0].message")).contains("invalid YAML");
        Map<String, Object> state = locationState(ws.root().resolve("catalog-info.yaml").toString());
        assertThat(state.get("status")).isEqualTo("failed");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) state.get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat((String) e.get("message")).contains("invalid YAML");
            assertThat(e.get("line")).isNotNull();
        });
    }

    @Test
    void descriptorThatNeverProcessedIsReportedOnItsLocation() {
        Workspace ws = Workspace.create("never");
        ws.write("catalog-info.yaml", documents(component("never-ok", "t"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: never-valid
                spec:
                  type: service
                  lifecycle: production
                """, """
                apiVersion: backstage.io/v1alpha1
                kind: Gadget
                metadata:
                  name: strange-thing
                spec: {}
                """));
        registerFile(ws, "catalog-info.yaml");

        assertThat(entity("component", "never-ok")).isNotNull();
        assertThat(entity("component", "never-valid")).isNull();
        Map<String, Object> state = locationState(ws.root().resolve("catalog-info.yaml").toString());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) state.get("errors");
        assertThat(errors).anySatisfy(e -> {
            assertThat((String) e.get("message")).contains("owner");
            assertThat(e.get("entityRef")).isEqualTo("component:default/never-valid");
            assertThat(e.get("line")).isEqualTo(10); // the document starts after 8 lines and a separator
        });
        assertThat(errors).anySatisfy(e -> assertThat((String) e.get("message")).contains("Gadget"));
    }

    @Test
    void secondLocationClaimingAnEntityGetsAConflictAndTheFirstKeepsIt() {
        Workspace ws = Workspace.create("conflict");
        ws.write("first.yaml", component("contested", "first-owner"));
        ws.write("second.yaml", component("contested", "second-owner"));
        registerFile(ws, "first.yaml");
        registerFile(ws, "second.yaml");

        assertThat(entity("component", "contested").getString("spec.owner")).isEqualTo("first-owner");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) locationState(ws.root().resolve("second.yaml").toString()).get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("name")).isEqualTo("ConflictError");
            assertThat((String) e.get("message")).contains("component:default/contested").contains("first.yaml");
        });
    }

    @Test
    void entitiesOfALocationNoLongerReferencedAreMarkedOrphan() {
        Workspace ws = Workspace.create("orphan");
        ws.write("catalog-info.yaml", location("orphan-root", "./child.yaml"));
        ws.write("child.yaml", component("orphan-to-be", "t"));
        registerFile(ws, "catalog-info.yaml");
        awaitRead(ws.root().resolve("child.yaml").toString());
        assertThat(entity("component", "orphan-to-be").getMap("metadata.annotations")).doesNotContainKey("backstage.io/orphan");

        ws.write("catalog-info.yaml", location("orphan-root", "./elsewhere.yaml"));
        refresh("location:default/orphan-root");

        JsonPath orphan = entity("component", "orphan-to-be");
        assertThat(orphan.getMap("metadata.annotations")).containsEntry("backstage.io/orphan", "true");
        assertThat(locationState(ws.root().resolve("child.yaml").toString())).isNull();
    }

    @Test
    void deletingALocationRemovesItAndItsGeneratedEntityAndOrphansTheRest() {
        Workspace ws = Workspace.create("delete");
        ws.write("catalog-info.yaml", component("deleted-location-service", "t"));
        String id = registerFile(ws, "catalog-info.yaml");
        JsonPath service = entity("component", "deleted-location-service");
        String generated = service.getString("metadata.annotations.'backstage.io/managed-by-origin-location'");
        assertThat(generated).isEqualTo("file:" + ws.root().resolve("catalog-info.yaml"));

        given().delete("/api/catalog/locations/{id}", id).then().statusCode(204);

        given().get("/api/catalog/locations/{id}", id).then().statusCode(404).body("error.name", equalTo("NotFoundError"));
        given().delete("/api/catalog/locations/{id}", id).then().statusCode(404);
        assertThat(io.catalog.graph.testing.CatalogApi.entities("kind=location,spec.target=" + ws.root().resolve("catalog-info.yaml"))).isEmpty();
        assertThat(entity("component", "deleted-location-service").getMap("metadata.annotations"))
                .containsEntry("backstage.io/orphan", "true");
    }

    @Test
    void refreshOfAnUnknownEntityAnswers404() {
        given().contentType(ContentType.JSON).body(Map.of("entityRef", "component:default/never-existed"))
                .post("/api/catalog/refresh").then().statusCode(404).body("error.name", equalTo("NotFoundError"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/catalog/refresh").then().statusCode(400);
    }

    @Test
    void hostileYamlBecomesAnErrorOnItsLocation() {
        Workspace ws = Workspace.create("hostile");
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        ws.write("catalog-info.yaml", bomb.toString());
        registerFile(ws, "catalog-info.yaml");

        Map<String, Object> state = locationState(ws.root().resolve("catalog-info.yaml").toString());
        assertThat(state.get("status")).isEqualTo("failed");
        assertThat(state.get("errors").toString()).containsIgnoringCase("alias");
    }
}
