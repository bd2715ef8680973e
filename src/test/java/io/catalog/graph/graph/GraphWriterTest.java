package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;
import io.catalog.graph.testing.EmbeddedGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer against a real Neo4j: what a user of the graph would see after each change. */
class GraphWriterTest {

    private static EmbeddedGraph neo4j;
    private static Driver driver;
    private GraphWriter writer;

    private static final EntityRef ORDERS = ref("component:default/orders");
    private static final EntityRef PAYMENTS = ref("component:default/payments");
    private static final EntityRef TEAM = ref("group:default/team-a");

    @BeforeAll
    static void startNeo4j() throws IOException {
        neo4j = EmbeddedGraph.start("graph-writer-test");
        driver = neo4j.driver();
    }

    @AfterAll
    static void stopNeo4j() {
        neo4j.close();
    }

    @BeforeEach
    void emptyGraph() {
        writer = new GraphWriter(driver);
        writer.clear();
    }

    @Test
    void aRelationToAnEntityNotInTheCatalogPointsAtAPlaceholderThatBecomesRealWhenItArrives() {
        writer.apply(List.of(EntityChange.present(ORDERS, "Orders", List.of(
                new Relation(ORDERS, "ownedBy", TEAM), new Relation(TEAM, "ownerOf", ORDERS)))));

        assertThat(nodes()).containsExactlyInAnyOrder("component:default/orders exists=true", "group:default/team-a exists=false");
        assertThat(edges()).containsExactly("component:default/orders OWNED_BY group:default/team-a");

        writer.apply(List.of(EntityChange.present(TEAM, "Team A", List.of())));
        assertThat(nodes()).containsExactlyInAnyOrder("component:default/orders exists=true", "group:default/team-a exists=true");
        assertThat(single("MATCH (g:Group {ref: 'group:default/team-a'}) RETURN g.title AS v")).isEqualTo("Team A");
    }

    @Test
    void anEntityChangeReplacesOnlyTheRelationshipsItDeclared() {
        writer.apply(List.of(
                EntityChange.present(ORDERS, null, List.of(new Relation(ORDERS, "dependsOn", PAYMENTS))),
                EntityChange.present(PAYMENTS, null, List.of(new Relation(PAYMENTS, "dependencyOf", ORDERS)))));
        assertThat(edges()).containsExactly(
                "component:default/orders DEPENDS_ON component:default/payments",
                "component:default/orders DEPENDS_ON component:default/payments");

        writer.apply(List.of(EntityChange.present(ORDERS, null, List.of())));
        assertThat(edges()).as("payments still declares it").containsExactly("component:default/orders DEPENDS_ON component:default/payments");

        writer.apply(List.of(EntityChange.present(ORDERS, null, List.of(new Relation(ORDERS, "dependsOn", PAYMENTS))),
                EntityChange.present(PAYMENTS, null, List.of())));
        assertThat(edges()).as("orders declares it again, payments no longer does")
                .containsExactly("component:default/orders DEPENDS_ON component:default/payments");
        assertThat(single("MATCH ()-[r:DEPENDS_ON]->() RETURN coalesce(toString(r.declaredByTarget), 'absent') AS v")).as("declared by its start node").isEqualTo("absent");
    }

    @Test
    void aRelationDeclaredByItsTargetIsStoredInItsFirstDirectionAndGoesWithTheTargetsChange() {
        EntityRef ada = ref("user:default/ada");
        writer.apply(List.of(EntityChange.present(TEAM, null, List.of(new Relation(TEAM, "hasMember", ada), new Relation(ada, "memberOf", TEAM)))));
        assertThat(edges()).containsExactly("user:default/ada MEMBER_OF group:default/team-a");
        assertThat(single("MATCH ()-[r:MEMBER_OF]->() RETURN toString(r.declaredByTarget) AS v")).isEqualTo("true");

        writer.apply(List.of(EntityChange.present(ada, null, List.of())));
        assertThat(edges()).as("ada's change leaves what the team declared").containsExactly("user:default/ada MEMBER_OF group:default/team-a");

        writer.apply(List.of(EntityChange.present(TEAM, null, List.of())));
        assertThat(edges()).isEmpty();
    }

    @Test
    void aRelationshipWrittenBeforeSchemaV2StillBelongsToTheEntityItsOriginNames() {
        driver.executableQuery("""
                CREATE (o:Entity:Component {ref: 'component:default/orders', kind: 'component', exists: true}),
                       (p:Entity:Component {ref: 'component:default/payments', kind: 'component', exists: true}),
                       (o)-[:DEPENDS_ON {origin: 'component:default/orders'}]->(p),
                       (o)-[:DEPENDS_ON {origin: 'component:default/payments'}]->(p)""").execute();

        writer.apply(List.of(EntityChange.present(PAYMENTS, null, List.of())));
        assertThat(edges()).as("what payments declared goes").hasSize(1);
        assertThat(single("MATCH ()-[r:DEPENDS_ON]->() RETURN r.origin AS v")).as("what orders declared stays").isEqualTo("component:default/orders");

        writer.apply(List.of(EntityChange.present(ORDERS, null, List.of())));
        assertThat(edges()).isEmpty();
    }

    @Test
    void anEntityRelatedToItselfHasOneRelationshipUntilItStopsDeclaringIt() {
        writer.apply(List.of(EntityChange.present(ORDERS, null, List.of(
                new Relation(ORDERS, "dependsOn", ORDERS), new Relation(ORDERS, "dependencyOf", ORDERS)))));
        assertThat(edges()).containsExactly("component:default/orders DEPENDS_ON component:default/orders");

        writer.apply(List.of(EntityChange.present(ORDERS, null, List.of())));
        assertThat(edges()).isEmpty();
    }

    @Test
    void aGoneEntityStaysAPlaceholderWhileOthersPointAtItAndVanishesAfter() {
        writer.apply(List.of(
                EntityChange.present(ORDERS, null, List.of(new Relation(ORDERS, "ownedBy", TEAM))),
                EntityChange.present(TEAM, null, List.of())));

        writer.apply(List.of(EntityChange.gone(TEAM)));
        assertThat(nodes()).contains("group:default/team-a exists=false");

        writer.apply(List.of(EntityChange.gone(ORDERS)));
        assertThat(nodes()).isEmpty();
        assertThat(edges()).isEmpty();
    }

    @Test
    void aGoneEntityKeepsNoKindLabelSoItLooksLikeAPlaceholderThatNeverWasAnEntity() {
        writer.apply(List.of(
                EntityChange.present(ORDERS, null, List.of(new Relation(ORDERS, "ownedBy", TEAM))),
                EntityChange.present(TEAM, "Team A", List.of())));
        writer.apply(List.of(EntityChange.gone(TEAM)));

        assertThat(single("MATCH (e:Entity {ref: 'group:default/team-a'}) RETURN reduce(s = '', l IN labels(e) | s + ':' + l) AS v"))
                .isEqualTo(":Entity");
    }

    @Test
    void applyingTheSameChangesAgainChangesNothingAndTheLastChangeOfARefWins() {
        List<EntityChange> changes = List.of(
                EntityChange.present(ORDERS, "first", List.of(new Relation(ORDERS, "dependsOn", PAYMENTS))),
                EntityChange.present(ORDERS, "second", List.of(new Relation(ORDERS, "ownedBy", TEAM))));
        writer.apply(changes);
        writer.apply(changes);

        assertThat(edges()).containsExactly("component:default/orders OWNED_BY group:default/team-a");
        assertThat(nodes()).containsExactlyInAnyOrder("component:default/orders exists=true", "group:default/team-a exists=false");
        assertThat(single("MATCH (c:Component {ref: 'component:default/orders'}) RETURN c.title AS v")).isEqualTo("second");
    }

    @Test
    void aChangeTheGraphAlreadyShowsWritesNothingAndLeavesTheVersion() {
        List<Relation> owned = List.of(new Relation(ORDERS, "ownedBy", TEAM), new Relation(TEAM, "ownerOf", ORDERS));
        assertThat(writer.apply(List.of(EntityChange.present(ORDERS, "Orders", owned)))).isEqualTo(1);
        long version = version();

        // the same title and relations (a re-read that changed only the description), listed in another order
        assertThat(writer.apply(List.of(EntityChange.present(ORDERS, "Orders", List.of(owned.get(1), owned.get(0)))))).isZero();
        assertThat(writer.apply(List.of(EntityChange.gone(PAYMENTS)))).as("gone, and never in the graph").isZero();
        assertThat(version()).isEqualTo(version);

        assertThat(writer.apply(List.of(EntityChange.present(ORDERS, "Orders service", owned)))).as("a new title shows").isEqualTo(1);
        assertThat(writer.apply(List.of(EntityChange.present(ORDERS, "Orders service", List.of())))).as("a lost relation shows").isEqualTo(1);
        assertThat(writer.apply(List.of(EntityChange.gone(ORDERS)))).isEqualTo(1);
        assertThat(writer.apply(List.of(EntityChange.gone(ORDERS)))).isZero();
        assertThat(version()).isEqualTo(version + 3);
        assertThat(edges()).isEmpty();
    }

    @Test
    void anEntityWrittenBeforeFingerprintsIsWrittenAgainOnItsNextChange() {
        writer.apply(List.of(EntityChange.present(ORDERS, "Orders", List.of(new Relation(ORDERS, "dependsOn", PAYMENTS)))));
        driver.executableQuery("MATCH (e:Entity) REMOVE e.fingerprint").execute();

        assertThat(writer.apply(List.of(EntityChange.present(ORDERS, "Orders", List.of(new Relation(ORDERS, "dependsOn", PAYMENTS))))))
                .isEqualTo(1);
        assertThat(writer.apply(List.of(EntityChange.gone(ORDERS)))).isEqualTo(1);
        assertThat(nodes()).isEmpty();
    }

    private static long version() {
        try (var session = driver.session()) {
            return session.executeRead(GraphVersion::read);
        }
    }

    private static List<String> nodes() {
        return driver.executableQuery("MATCH (e:Entity) RETURN e.ref + ' exists=' + e.exists AS v ORDER BY v").execute()
                .records().stream().map(r -> r.get("v").asString()).toList();
    }

    private static List<String> edges() {
        return driver.executableQuery("MATCH (s)-[r]->(t) RETURN s.ref + ' ' + type(r) + ' ' + t.ref AS v ORDER BY v").execute()
                .records().stream().map(r -> r.get("v").asString()).toList();
    }

    private static String single(String cypher) {
        return driver.executableQuery(cypher).withParameters(Map.of()).execute().records().get(0).get("v").asString();
    }

    private static EntityRef ref(String text) {
        return EntityRef.parse(text, null, "default");
    }
}
