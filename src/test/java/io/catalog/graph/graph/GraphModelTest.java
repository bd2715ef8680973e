package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;
import io.catalog.graph.model.RelationTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphModelTest {

    private static final EntityRef SERVICE = EntityRef.parse("component:default/orders", null, "default");
    private static final EntityRef TEAM = EntityRef.parse("group:default/team-a", null, "default");

    @Test
    void eachRelationPairIsOneRelationshipType() {
        assertThat(GraphModel.relationshipTypes()).containsExactly(
                "OWNED_BY", "PART_OF", "PROVIDES_API", "CONSUMES_API", "DEPENDS_ON", "MEMBER_OF", "CHILD_OF");
    }

    @Test
    void aRelationAndItsInverseBecomeTheSameEdge() {
        GraphModel.Edge owned = GraphModel.edge(new Relation(SERVICE, RelationTypes.OWNED_BY, TEAM));
        GraphModel.Edge owner = GraphModel.edge(new Relation(TEAM, RelationTypes.OWNER_OF, SERVICE));
        assertThat(owned).isEqualTo(owner).isEqualTo(new GraphModel.Edge(SERVICE, "OWNED_BY", TEAM));
    }

    @Test
    void anInverseTypeWalksItsRelationshipBackwards() {
        assertThat(GraphModel.step("dependsOn")).isEqualTo(new GraphModel.Step("DEPENDS_ON", true));
        assertThat(GraphModel.step("dependencyOf")).isEqualTo(new GraphModel.Step("DEPENDS_ON", false));
        assertThat(GraphModel.step("apiProvidedBy")).isEqualTo(new GraphModel.Step("PROVIDES_API", false));
        assertThat(GraphModel.relationType("PROVIDES_API")).isEqualTo("providesApi");
    }

    @Test
    void anUnknownRelationTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> GraphModel.step("blocks")).hasMessageContaining("dependsOn");
    }

    @Test
    void kindsOfTheCatalogHaveLabelsOthersDoNot() {
        assertThat(GraphModel.kindLabel("api")).contains("API");
        assertThat(GraphModel.kindLabel("Component")).contains("Component");
        assertThat(GraphModel.kindLabel("weird")).isEmpty();
    }
}
