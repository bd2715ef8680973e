package io.catalog.graph.api;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.locationState;
import static io.catalog.graph.testing.CatalogApi.refresh;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.documents;
import static io.catalog.graph.testing.Descriptors.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one document can do to its location: a value the database cannot store, or an edit that breaks a
 * document's identity, must cost that document alone; nothing served before is lost.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class WritePathSafetyTest {

    @Test
    void aStringWithNulIsRejectedAloneAndItsNeighbourIsServed() {
        Workspace ws = Workspace.create("nul");
        ws.write("catalog-info.yaml", documents(component("nul-neighbour", "t"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: nul-poisoned
                  description: "a\\0b"
                spec:
                  type: service
                  lifecycle: production
                  owner: t
                """));
        registerFile(ws, "catalog-info.yaml");

        assertThat(entity("component", "nul-neighbour")).isNotNull();
        assertThat(entity("component", "nul-poisoned")).isNull();
        Map<String, Object> state = locationState(ws.root().resolve("catalog-info.yaml").toString());
        assertThat(state.get("status")).isEqualTo("ok");
        assertThat(errorsOf(state)).anySatisfy(e -> {
            assertThat(e.get("entityRef")).isEqualTo("component:default/nul-poisoned");
            assertThat((String) e.get("message")).contains("metadata.description").containsIgnoringCase("NUL");
            assertThat(e.get("line")).isEqualTo(10);
        });
    }

    @Test
    void valuesTooLongForTheIndexesAreRejectedAlone() {
        Workspace ws = Workspace.create("long-values");
        String huge = "x".repeat(3000);
        ws.write("catalog-info.yaml", documents(component("long-neighbour", "t"),
                component("long-owner", huge),
                component("long-key", "t") + "  ? " + huge + "\n  : value\n",
                component("long-item", "t") + "  things:\n    - " + huge + "\n"));
        registerFile(ws, "catalog-info.yaml");

        assertThat(entity("component", "long-neighbour")).isNotNull();
        assertThat(entity("component", "long-owner")).isNull();
        // a long key or array item is stored, only not searchable by it
        assertThat(entity("component", "long-key").getString("spec." + huge)).isEqualTo("value");
        assertThat(entity("component", "long-item")).isNotNull();
        Map<String, Object> state = locationState(ws.root().resolve("catalog-info.yaml").toString());
        assertThat(state.get("status")).isEqualTo("ok");
        assertThat(errorsOf(state)).anySatisfy(e -> assertThat(e.get("entityRef")).isEqualTo("component:default/long-owner"));
    }

    @Test
    void anEntityLargerThanTheLimitIsRejectedWithAClearError() {
        Workspace ws = Workspace.create("big-entity");
        StringBuilder big = new StringBuilder(component("big-entity", "t")).append("  notes:\n");
        for (int i = 0; i < 25_000; i++) {
            big.append("    - ").append("note number ").append(i).append(" with some words to fill the line\n");
        }
        ws.write("catalog-info.yaml", documents(component("big-neighbour", "t"), big.toString()));
        registerFile(ws, "catalog-info.yaml");

        assertThat(entity("component", "big-neighbour")).isNotNull();
        assertThat(entity("component", "big-entity")).isNull();
        assertThat(errorsOf(locationState(ws.root().resolve("catalog-info.yaml").toString()))).anySatisfy(e ->
                assertThat((String) e.get("message")).contains("component:default/big-entity").contains("catalog.limits.max-entity-bytes"));
    }

    @Test
    void anAliasBombIsReportedOnItsLocationAndTheFileBesideItIsServed() {
        Workspace ws = Workspace.create("alias-bomb");
        String big = "  big: &big \"" + "x".repeat(100_000) + "\"\n";
        ws.write("catalog-info.yaml", component("bomb-neighbour", "t"));
        // 100 KB anchored once and aliased 1,000 times: 100 MB once expanded
        ws.write("bomb.yaml", component("alias-bomb", "t") + big + "  many:\n" + "    - *big\n".repeat(1_000));
        // within 50 aliases a document, but three of them expand past the file's budget (2 x 5 MiB)
        String fiftyAliases = component("alias-spread", "t") + big + "  many: [" + String.join(", ", Collections.nCopies(50, "*big")) + "]\n";
        ws.write("spread.yaml", documents(fiftyAliases, fiftyAliases.replace("alias-spread", "alias-spread-2"),
                fiftyAliases.replace("alias-spread", "alias-spread-3")));
        registerFile(ws, "catalog-info.yaml");
        registerFile(ws, "bomb.yaml");
        registerFile(ws, "spread.yaml");

        assertThat(entity("component", "bomb-neighbour")).isNotNull();
        assertThat(entity("component", "alias-bomb")).isNull();
        assertThat(entity("component", "alias-spread")).isNull();
        Map<String, Object> bomb = locationState(ws.root().resolve("bomb.yaml").toString());
        assertThat(bomb.get("status")).isEqualTo("failed");
        assertThat(errorsOf(bomb)).singleElement().satisfies(e -> {
            assertThat((String) e.get("message")).contains("bomb.yaml").contains("catalog.limits.max-aliases");
            assertThat(e.get("line")).isEqualTo(11);
        });
        Map<String, Object> spread = locationState(ws.root().resolve("spread.yaml").toString());
        assertThat(spread.get("status")).isEqualTo("failed");
        assertThat(errorsOf(spread)).singleElement().satisfies(e -> {
            assertThat((String) e.get("message")).contains("spread.yaml").contains("catalog.limits.max-expanded-bytes");
            assertThat(e.get("line")).isEqualTo(32);
        });
    }

    @Test
    void anEditThatBreaksTheKindKeepsTheEntityWithTheError() {
        Workspace ws = Workspace.create("broken-kind");
        ws.write("catalog-info.yaml", documents(component("kind-keeper", "t"), component("kind-other", "t")));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", documents(component("kind-keeper", "t").replace("kind: Component", "kind: Componnent"),
                component("kind-other", "t2")));
        refresh("component:default/kind-other");

        assertThat(entity("component", "kind-other").getString("spec.owner")).isEqualTo("t2");
        JsonPath kept = entity("component", "kind-keeper");
        assertThat(kept).isNotNull();
        assertThat(kept.getString("status.items[0].message")).contains("Componnent");
    }

    @Test
    void anEditThatBreaksTheNameKeepsTheEntityWithTheError() {
        Workspace ws = Workspace.create("broken-name");
        ws.write("catalog-info.yaml", documents(component("name-keeper", "t"), component("name-other", "t")));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", documents(component("name-keeper", "t").replace("name: name-keeper", "name: 'name keeper!'"),
                component("name-other", "t")));
        refresh("component:default/name-other");

        JsonPath kept = entity("component", "name-keeper");
        assertThat(kept).isNotNull();
        assertThat(kept.getString("status.items[0].message")).contains("metadata.name");
    }

    @Test
    void aDocumentTurnedIntoANonMappingKeepsWhatItWas() {
        Workspace ws = Workspace.create("non-mapping");
        ws.write("catalog-info.yaml", documents(component("mapping-keeper", "t"), component("mapping-other", "t")));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", documents("- just\n- a list\n", component("mapping-other", "t")));
        refresh("component:default/mapping-other");

        JsonPath kept = entity("component", "mapping-keeper");
        assertThat(kept).isNotNull();
        assertThat(kept.getString("status.items[0].message")).contains("mapping");
    }

    @Test
    void anEntityRemovedBesideAnUnidentifiableDocumentStaysUntilTheReadIsWhole() {
        Workspace ws = Workspace.create("unidentifiable");
        ws.write("catalog-info.yaml", documents(component("ui-one", "t"), component("ui-two", "t"), component("ui-three", "t")));
        registerFile(ws, "catalog-info.yaml");

        // ui-two is gone and the document that was ui-one no longer says what it is: nothing may be removed yet
        ws.write("catalog-info.yaml", documents("kind: [\n  broken\n]\nmetadata: 7\n", component("ui-three", "t")));
        refresh("component:default/ui-three");
        assertThat(entity("component", "ui-one")).isNotNull();
        assertThat(entity("component", "ui-two")).isNotNull();

        ws.write("catalog-info.yaml", documents(component("ui-one", "t"), component("ui-three", "t")));
        refresh("component:default/ui-three");
        assertThat(entity("component", "ui-two")).isNull();
        assertThat(entity("component", "ui-one").getMap("status")).isNull();
    }

    @Test
    void aLocationDocumentThatFailsValidationKeepsItsSubtree() {
        Workspace ws = Workspace.create("location-subtree");
        ws.write("catalog-info.yaml", documents(location("subtree-root", "./child.yaml"), component("subtree-sibling", "t")));
        ws.write("child.yaml", component("subtree-child", "t"));
        registerFile(ws, "catalog-info.yaml");
        awaitRead(ws.root().resolve("child.yaml").toString());
        assertThat(entity("component", "subtree-child")).isNotNull();

        ws.write("catalog-info.yaml", documents(location("subtree-root", "./child.yaml") + "unexpected: field\n",
                component("subtree-sibling", "t")));
        refresh("component:default/subtree-sibling");

        assertThat(locationState(ws.root().resolve("child.yaml").toString())).isNotNull();
        JsonPath child = entity("component", "subtree-child");
        assertThat(child.getMap("metadata.annotations")).doesNotContainKey("backstage.io/orphan");
        assertThat(entity("location", "subtree-root").getString("status.items[0].message")).contains("unexpected");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(Map<String, Object> state) {
        return (List<Map<String, Object>>) state.get("errors");
    }
}
