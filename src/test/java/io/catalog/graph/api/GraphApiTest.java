package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import jakarta.ws.rs.core.Response;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph routes over HTTP, on a small catalog registered per test (names unique to the test; the app shares one
 * catalog and one graph) and projected into Neo4j by the running projector:
 *
 * <pre>
 *   web ─dependsOn→ lib ─dependsOn→ db ←dependsOn─ cli        web ─dependsOn→ ghost (not in the catalog: placeholder)
 *   web, lib ownedBy team ─childOf→ org;   db, cli ownedBy ops (not in the catalog);   alice memberOf team
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class GraphApiTest {

    private String id;

    @BeforeEach
    void registerACatalog() {
        id = UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = Workspace.create("graph-api-" + id);
        workspace.write("catalog-info.yaml", String.join("---\n",
                component("web", "Web", "team", "lib", "ghost"),
                component("lib", null, "team", "db"),
                component("db", "Data \"base\"", "ops"),
                component("cli", null, "ops", "db"),
                """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: team-%1$s
                  title: Team
                spec:
                  type: team
                  parent: org-%1$s
                  profile:
                    displayName: The Team
                    email: team@example.com
                  children: []
                """.formatted(id),
                """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: org-%1$s
                spec:
                  type: organization
                  children: [team-%1$s]
                """.formatted(id),
                """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: alice-%1$s
                spec:
                  memberOf: [team-%1$s]
                """.formatted(id)));
        CatalogApi.registerFile(workspace, "catalog-info.yaml");
        CatalogApi.awaitGraphCaughtUp();
    }

    /** A Component descriptor named {@code name-<id>}, owned by the group {@code owner-<id>}, depending on others. */
    private String component(String name, String title, String owner, String... dependsOn) {
        StringBuilder yaml = new StringBuilder("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name + "-" + id + "\n");
        if (title != null) {
            yaml.append("  title: '").append(title.replace("'", "''")).append("'\n");
        }
        yaml.append("spec:\n  type: service\n  lifecycle: production\n  owner: ").append(owner).append('-').append(id).append('\n');
        if (dependsOn.length > 0) {
            yaml.append("  dependsOn:\n");
            for (String dependency : dependsOn) {
                yaml.append("    - component:").append(dependency).append('-').append(id).append('\n');
            }
        }
        return yaml.toString();
    }

    private String component(String name) {
        return "component:default/" + name + "-" + id;
    }

    private String group(String name) {
        return "group:default/" + name + "-" + id;
    }

    private String user(String name) {
        return "user:default/" + name + "-" + id;
    }

    private String route(String kind, String name, String query) {
        return "/api/graph/entities/" + kind + "/default/" + name + "-" + id + "/" + query;
    }

    @Test
    void dependenciesAnswerTheRootAndEachItemWithDepthPathAndExistence() {
        JsonPath body = given().get(route("component", "web", "dependencies")).then().statusCode(200).extract().jsonPath();

        assertThat(body.getString("root")).isEqualTo(component("web"));
        assertThat(body.getList("items", Map.class)).containsExactly(
                Map.of("entityRef", component("ghost"), "kind", "component", "depth", 1,
                        "path", List.of(component("web"), component("ghost")), "exists", false),
                Map.of("entityRef", component("lib"), "kind", "component", "depth", 1,
                        "path", List.of(component("web"), component("lib")), "exists", true),
                Map.of("entityRef", component("db"), "kind", "component", "depth", 2,
                        "path", List.of(component("web"), component("lib"), component("db")), "exists", true));
        assertThat(body.getBoolean("truncated")).isFalse();
    }

    @Test
    void pathSegmentsMatchCaseInsensitivelyAndBoundsSayWhenTheyCut() {
        String upper = "/api/graph/entities/Component/DEFAULT/WEB-" + id.toUpperCase() + "/dependencies";
        JsonPath shallow = given().queryParam("depth", 1).get(upper).then().statusCode(200).extract().jsonPath();
        assertThat(shallow.getList("items.entityRef")).containsExactly(component("ghost"), component("lib"));
        assertThat(shallow.getBoolean("truncated")).isTrue();

        JsonPath limited = given().queryParam("limit", 1).get(route("component", "web", "dependencies")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(limited.getList("items.entityRef")).containsExactly(component("ghost"));
        assertThat(limited.getBoolean("truncated")).isTrue();

        JsonPath whole = given().queryParam("depth", 10).queryParam("limit", 100000).get(route("component", "web", "dependencies"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(whole.getList("items")).hasSize(3);
        assertThat(whole.getBoolean("truncated")).isFalse();
    }

    @Test
    void dependentsWalkTheInverseOfTheRelationsNamedCommaSeparatedOrRepeated() {
        JsonPath defaults = given().get(route("component", "db", "dependents")).then().statusCode(200).extract().jsonPath();
        assertThat(defaults.getList("items.entityRef")).containsExactly(component("cli"), component("lib"), component("web"));
        assertThat(defaults.getList("items.depth")).containsExactly(1, 1, 2);

        for (var request : List.of(given().queryParam("relations", "dependsOn,consumesApi"),
                given().queryParam("relations", "dependsOn").queryParam("relations", "consumesApi"))) {
            assertThat(request.get(route("component", "db", "dependents")).then().statusCode(200).extract().jsonPath()
                    .getList("items.entityRef")).containsExactly(component("cli"), component("lib"), component("web"));
        }
        assertThat(given().queryParam("relations", "consumesApi").get(route("component", "db", "dependents"))
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void ownershipOwnedAndGroupsFollowTheTeamHierarchy() {
        JsonPath ownership = given().get(route("component", "web", "ownership")).then().statusCode(200).extract().jsonPath();
        assertThat(ownership.getString("entity")).isEqualTo(component("web"));
        assertThat(ownership.getList("owners", Map.class)).containsExactly(
                Map.of("entityRef", group("team"), "chain", List.of(group("team"), group("org"))));

        JsonPath owned = given().get(route("group", "org", "owned")).then().statusCode(200).extract().jsonPath();
        assertThat(owned.getList("items", Map.class)).containsExactly(
                Map.of("entityRef", component("lib"), "kind", "component", "via", group("team")),
                Map.of("entityRef", component("web"), "kind", "component", "via", group("team")));
        assertThat(owned.getBoolean("truncated")).isFalse();

        JsonPath groups = given().get(route("user", "alice", "groups")).then().statusCode(200).extract().jsonPath();
        assertThat(groups.getString("root")).isEqualTo(user("alice"));
        assertThat(groups.getList("items.entityRef")).containsExactly(group("team"), group("org"));
        assertThat(groups.getList("items.depth")).containsExactly(1, 2);
        assertThat(groups.getList("items[1].path")).containsExactly(user("alice"), group("team"), group("org"));
    }

    @Test
    void blastRadiusGroupsDependentsByOwnerWithContactsFromTheCatalog() {
        JsonPath radius = given().get(route("component", "db", "blast-radius")).then().statusCode(200).extract().jsonPath();

        assertThat(radius.getString("root")).isEqualTo(component("db"));
        assertThat(radius.getInt("total")).isEqualTo(3);
        assertThat(radius.getBoolean("truncated")).isFalse();
        assertThat(radius.getList("byOwner", Map.class)).containsExactly(
                owner(group("ops"), null, List.of(group("ops")), List.of(Map.of("entityRef", component("cli"), "depth", 1))),
                owner(group("team"), Map.of("email", "team@example.com", "displayName", "The Team"), List.of(group("team"), group("org")),
                        List.of(Map.of("entityRef", component("lib"), "depth", 1), Map.of("entityRef", component("web"), "depth", 2))));
    }

    private static Map<String, Object> owner(String ref, Map<String, Object> profile, List<String> chain, List<Map<String, Object>> entities) {
        Map<String, Object> group = new java.util.HashMap<>();
        group.put("owner", ref);
        group.put("profile", profile);
        group.put("chain", chain);
        group.put("entities", entities);
        return group;
    }

    @Test
    void aPathNamesEachRelationInTheDirectionWalked() {
        JsonPath path = given().queryParam("from", component("cli")).queryParam("to", component("web"))
                .get("/api/graph/path").then().statusCode(200).extract().jsonPath();
        assertThat(path.getList("path")).containsExactly(component("cli"), component("db"), component("lib"), component("web"));
        assertThat(path.getList("edges", Map.class)).containsExactly(
                Map.of("source", component("cli"), "type", "dependsOn", "target", component("db")),
                Map.of("source", component("db"), "type", "dependencyOf", "target", component("lib")),
                Map.of("source", component("lib"), "type", "dependencyOf", "target", component("web")));

        assertThat(given().queryParam("from", "Component:CLI-" + id).queryParam("to", component("web")).queryParam("relations", "dependsOn")
                .get("/api/graph/path").then().statusCode(404).extract().jsonPath().getString("error.name")).isEqualTo("NotFoundError");
        assertThat(given().queryParam("from", "cli-" + id).queryParam("to", component("web")).get("/api/graph/path")
                .then().statusCode(400).extract().jsonPath().getString("error.message")).contains("has no kind");
    }

    @Test
    void theNeighbourhoodIsDrawableAsJsonAndAsQuotedDot() {
        JsonPath json = given().get(route("component", "lib", "neighbourhood")).then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("nodes", Map.class)).containsExactly(
                node(component("lib"), null, true), node(component("db"), "Data \"base\"", true),
                node(component("web"), "Web", true), node(group("team"), "Team", true));
        assertThat(json.getList("edges", Map.class)).containsExactly(
                Map.of("source", component("lib"), "type", "dependsOn", "target", component("db")),
                Map.of("source", component("lib"), "type", "ownedBy", "target", group("team")),
                Map.of("source", component("web"), "type", "dependsOn", "target", component("lib")),
                Map.of("source", component("web"), "type", "ownedBy", "target", group("team")));
        assertThat(json.getBoolean("truncated")).isTrue();

        String dot = given().queryParam("format", "dot").queryParam("relations", "dependsOn,dependencyOf").get(route("component", "lib", "neighbourhood"))
                .then().statusCode(200).contentType("text/vnd.graphviz").extract().asString();
        assertThat(dot).startsWith("digraph catalog {")
                .contains("\"" + component("db") + "\" [label=\"Data \\\"base\\\"\\n" + component("db") + "\"];")
                .contains("\"" + component("web") + "\" -> \"" + component("lib") + "\" [label=\"dependsOn\"];")
                .endsWith("}\n");
    }

    private static Map<String, Object> node(String ref, String title, boolean exists) {
        Map<String, Object> node = new java.util.HashMap<>();
        node.put("entityRef", ref);
        node.put("kind", ref.substring(0, ref.indexOf(':')));
        node.put("title", title);
        node.put("exists", exists);
        return node;
    }

    @Test
    void aMissingEntityOrAPlaceholderIsA404InBackstagesErrorShape() {
        for (String url : List.of(route("component", "nowhere", "dependencies"), route("component", "ghost", "dependents"),
                route("component", "ghost", "ownership"), route("group", "nowhere", "owned"), route("user", "nowhere", "groups"),
                route("component", "ghost", "blast-radius"), route("component", "ghost", "neighbourhood"))) {
            JsonPath error = given().get(url).then().statusCode(404).extract().jsonPath();
            assertThat(error.getString("error.name")).as(url).isEqualTo("NotFoundError");
            assertThat(error.getString("error.message")).contains("No entity named");
            assertThat(error.getString("request.method")).isEqualTo("GET");
            assertThat(error.getString("request.url")).isEqualTo(url);
            assertThat(error.getInt("response.statusCode")).isEqualTo(404);
        }
    }

    @Test
    void anUnreachableGraphIsA503ServiceUnavailableErrorInBackstagesShape() {
        Response response = ErrorMappers.graphUnavailable(new ServiceUnavailableException("Unable to connect to 127.0.0.1:7687"),
                "GET", "/api/graph/entities/component/default/web/dependencies");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getEntity()).isEqualTo(Map.of(
                "error", Map.of("name", "ServiceUnavailableError",
                        "message", "the graph database is unavailable: Unable to connect to 127.0.0.1:7687"),
                "request", Map.of("method", "GET", "url", "/api/graph/entities/component/default/web/dependencies"),
                "response", Map.of("statusCode", 503)));
        assertThat(ErrorMappers.graphUnavailable(new SessionExpiredException("gone"), "GET", "/x").getStatus()).isEqualTo(503);
    }

    @Test
    void outOfRangeOrMalformedParametersAreA400NamingTheProblem() {
        String url = route("component", "web", "dependencies");
        Map<String, String> bad = Map.of("depth=0", "depth must be between 1 and 10", "depth=11", "depth must be between 1 and 10",
                "depth=abc", "depth must be a whole number", "limit=0", "limit must be between 1 and 100000",
                "limit=100001", "limit must be between 1 and 100000", "limit=-1", "limit must be a whole number",
                "relations=dependsOn,blocks", "Unknown relation type \"blocks\"; known types are ownedBy, ownerOf");
        bad.forEach((query, message) -> {
            JsonPath error = given().get(url + "?" + query).then().statusCode(400).extract().jsonPath();
            assertThat(error.getString("error.name")).as(query).isEqualTo("InputError");
            assertThat(error.getString("error.message")).as(query).contains(message);
        });
        assertThat(given().queryParam("format", "svg").get(route("component", "web", "neighbourhood")).then().statusCode(400)
                .extract().jsonPath().getString("error.message")).contains("format must be json or dot");
        assertThat(given().get("/api/graph/path?to=" + component("web")).then().statusCode(400)
                .extract().jsonPath().getString("error.message")).contains("from is required");
    }
}
