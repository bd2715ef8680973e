package io.catalog.graph.graph;

import io.catalog.graph.graph.GraphQueries.Edge;
import io.catalog.graph.graph.GraphQueries.Node;
import io.catalog.graph.graph.GraphQueries.OwnedItem;
import io.catalog.graph.graph.GraphQueries.Owner;
import io.catalog.graph.graph.GraphQueries.Reached;
import io.catalog.graph.testing.EmbeddedGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.catalog.graph.testing.GraphSeed.entity;
import static io.catalog.graph.testing.GraphSeed.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The graph's answers on one small hand-built catalog, checked against answers worked out by hand:
 *
 * <pre>
 *   app ─dependsOn→ a ─dependsOn→ c ─dependsOn→ d ─dependsOn→ e        (a→c declared by both a and c: parallel)
 *   app ─dependsOn→ b ─dependsOn→ c ─dependsOn→ app                   (a diamond, and a cycle back to app)
 *                   b ─dependsOn→ ghost                               (ghost: a placeholder, no entity)
 *   app ─consumesApi→ pay-api ←providesApi─ pay
 *   alice ─memberOf→ team-a, team-b;  team-a, team-b ─childOf→ dept ─childOf→ org ─childOf→ team-a (a cycle)
 *   app ownedBy team-a, ghost-team (placeholder);  b ownedBy team-b;  c ownedBy dept, team-a;  pay-api ownedBy org
 * </pre>
 */
class GraphQueriesTest {

    private static EmbeddedGraph neo4j;
    private static Driver driver;
    private static GraphQueries queries;

    private static final String APP = "component:default/app";
    private static final String A = "component:default/a";
    private static final String B = "component:default/b";
    private static final String C = "component:default/c";
    private static final String D = "component:default/d";
    private static final String E = "component:default/e";
    private static final String GHOST = "component:default/ghost";
    private static final String PAY = "component:default/pay";
    private static final String PAY_API = "api:default/pay-api";
    private static final String ALICE = "user:default/alice";
    private static final String TEAM_A = "group:default/team-a";
    private static final String TEAM_B = "group:default/team-b";
    private static final String DEPT = "group:default/dept";
    private static final String ORG = "group:default/org";
    private static final String GHOST_TEAM = "group:default/ghost-team";
    private static final List<String> DEPENDENCIES = GraphQueries.DEPENDENCY_RELATIONS;

    @BeforeAll
    static void startNeo4jWithTheCatalog() throws IOException {
        neo4j = EmbeddedGraph.start("graph-queries-test");
        driver = neo4j.driver();
        queries = new GraphQueries(driver, Duration.ofSeconds(10));
        GraphWriter writer = new GraphWriter(driver);
        writer.clear();
        writer.apply(List.of(
                entity(APP, "App", "dependsOn " + A, "dependsOn " + B, "consumesApi " + PAY_API, "ownedBy " + TEAM_A, "ownedBy " + GHOST_TEAM),
                entity(A, null, "dependsOn " + C),
                entity(B, null, "dependsOn " + C, "dependsOn " + GHOST, "ownedBy " + TEAM_B),
                entity(C, null, "dependencyOf " + A, "dependsOn " + D, "dependsOn " + APP, "ownedBy " + DEPT, "ownedBy " + TEAM_A),
                entity(D, null, "dependsOn " + E),
                entity(E, null),
                entity(PAY, null, "providesApi " + PAY_API),
                entity(PAY_API, "Pay API", "apiProvidedBy " + PAY, "ownedBy " + ORG),
                entity(ALICE, null, "memberOf " + TEAM_A, "memberOf " + TEAM_B),
                entity(TEAM_A, null, "childOf " + DEPT, "hasMember " + ALICE),
                entity(TEAM_B, null, "childOf " + DEPT),
                entity(DEPT, null, "childOf " + ORG),
                entity(ORG, null, "childOf " + TEAM_A)));
    }

    @AfterAll
    static void stopNeo4j() {
        neo4j.close();
    }

    @Test
    void dependenciesAreEveryEntityReachedWithItsShortestDepthAndOneShortestPath() {
        GraphQueries.Walk walk = queries.dependencies(ref(APP), DEPENDENCIES, 3, 1000).orElseThrow();

        assertThat(walk.root()).isEqualTo(APP);
        assertThat(walk.items()).containsExactly(
                reached(PAY_API, "api", 1, true, APP, PAY_API),
                reached(A, "component", 1, true, APP, A),
                reached(B, "component", 1, true, APP, B),
                reached(C, "component", 2, true, APP, A, C), // the diamond: through a (smaller ref than b), depth 2 either way
                reached(GHOST, "component", 2, false, APP, B, GHOST), // a placeholder is reached, and says so
                reached(PAY, "component", 2, true, APP, PAY_API, PAY), // consuming an API depends on its provider
                reached(D, "component", 3, true, APP, A, C, D));
        assertThat(walk.truncated()).as("e lies at depth 4").isTrue();
    }

    @Test
    void aWalkThatReachesEverythingWithinItsDepthIsNotTruncatedAndCyclesEndIt() {
        GraphQueries.Walk walk = queries.dependencies(ref(APP), DEPENDENCIES, 4, 1000).orElseThrow();

        assertThat(walk.items()).extracting(Reached::entityRef).containsExactly(PAY_API, A, B, C, GHOST, PAY, D, E);
        assertThat(walk.items()).extracting(Reached::entityRef).doesNotContain(APP); // c → app leads back to the root
        assertThat(walk.truncated()).isFalse();
    }

    @Test
    void theLimitKeepsTheNearestItemsAndSaysItCut() {
        GraphQueries.Walk cut = queries.dependencies(ref(APP), DEPENDENCIES, 3, 4).orElseThrow();
        assertThat(cut.items()).extracting(Reached::entityRef).containsExactly(PAY_API, A, B, C);
        assertThat(cut.truncated()).isTrue();

        GraphQueries.Walk exact = queries.dependencies(ref(D), DEPENDENCIES, 3, 1).orElseThrow();
        assertThat(exact.items()).extracting(Reached::entityRef).containsExactly(E);
        assertThat(exact.truncated()).as("nothing was left out").isFalse();
    }

    @Test
    void dependentsWalkTheInverseTypes() {
        GraphQueries.Walk ofC = queries.dependents(ref(C), DEPENDENCIES, 3, 1000).orElseThrow();
        assertThat(ofC.items()).containsExactly(
                reached(A, "component", 1, true, C, A),
                reached(B, "component", 1, true, C, B),
                reached(APP, "component", 2, true, C, A, APP));
        assertThat(ofC.truncated()).isFalse();

        GraphQueries.Walk ofProvider = queries.dependents(ref(PAY), DEPENDENCIES, 3, 1000).orElseThrow();
        assertThat(ofProvider.items()).containsExactly(
                reached(PAY_API, "api", 1, true, PAY, PAY_API),
                reached(APP, "component", 2, true, PAY, PAY_API, APP),
                reached(C, "component", 3, true, PAY, PAY_API, APP, C));
        assertThat(ofProvider.truncated()).as("a and b depend on c, at depth 4").isTrue();

        GraphQueries.Walk onlyDependsOn = queries.dependents(ref(D), List.of("dependsOn"), 5, 1000).orElseThrow();
        assertThat(onlyDependsOn.items()).extracting(r -> r.entityRef() + "@" + r.depth())
                .containsExactly(C + "@1", A + "@2", B + "@2", APP + "@3");
    }

    @Test
    void groupsAreTheMembershipsThenTheirParentsAroundACycle() {
        GraphQueries.Walk walk = queries.groups(ref(ALICE), 10, 1000).orElseThrow();

        assertThat(walk.items()).containsExactly(
                reached(TEAM_A, "group", 1, true, ALICE, TEAM_A),
                reached(TEAM_B, "group", 1, true, ALICE, TEAM_B),
                reached(DEPT, "group", 2, true, ALICE, TEAM_A, DEPT),
                reached(ORG, "group", 3, true, ALICE, TEAM_A, DEPT, ORG));
        assertThat(walk.truncated()).isFalse();
        assertThat(queries.groups(ref(ALICE), 1, 1000).orElseThrow().truncated()).isTrue();
    }

    @Test
    void ownershipGivesEachOwnerWithItsParentChainStoppingBeforeACycleRepeats() {
        GraphQueries.Ownership ownership = queries.ownership(ref(APP)).orElseThrow();

        assertThat(ownership.entity()).isEqualTo(APP);
        assertThat(ownership.owners()).containsExactly(
                new Owner(GHOST_TEAM, List.of(GHOST_TEAM)),
                new Owner(TEAM_A, List.of(TEAM_A, DEPT, ORG)));
        assertThat(queries.ownership(ref(E)).orElseThrow().owners()).isEmpty();
    }

    @Test
    void ownedIsEverythingOwnedInTheGroupsSubtreeOnceViaTheNearestGroup() {
        GraphQueries.Owned owned = queries.owned(ref(ORG), 1000).orElseThrow();

        assertThat(owned.items()).containsExactly(
                new OwnedItem(PAY_API, "api", ORG),
                new OwnedItem(APP, "component", TEAM_A),
                new OwnedItem(B, "component", TEAM_B),
                new OwnedItem(C, "component", DEPT)); // owned by dept and team-a: dept is nearer to org
        assertThat(owned.truncated()).isFalse();

        GraphQueries.Owned cut = queries.owned(ref(ORG), 2).orElseThrow();
        assertThat(cut.items()).extracting(OwnedItem::entityRef).containsExactly(PAY_API, APP);
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void blastRadiusGroupsTheDependentsByOwnerWithTheUnownedLast() {
        GraphQueries.BlastRadius radius = queries.blastRadius(ref(D), List.of("dependsOn"), 3, 1000).orElseThrow();

        assertThat(radius.root()).isEqualTo(D);
        assertThat(radius.total()).isEqualTo(4);
        assertThat(radius.truncated()).isFalse();
        assertThat(radius.byOwner()).extracting(g -> g.owner() + " " + g.chain() + " "
                        + g.entities().stream().map(r -> r.entityRef() + "@" + r.depth()).toList())
                .containsExactly(
                        DEPT + " [" + DEPT + ", " + ORG + ", " + TEAM_A + "] [" + C + "@1]",
                        GHOST_TEAM + " [" + GHOST_TEAM + "] [" + APP + "@3]",
                        TEAM_A + " [" + TEAM_A + ", " + DEPT + ", " + ORG + "] [" + C + "@1, " + APP + "@3]",
                        TEAM_B + " [" + TEAM_B + ", " + DEPT + ", " + ORG + ", " + TEAM_A + "] [" + B + "@2]",
                        "null null [" + A + "@2]");
    }

    @Test
    void aPathIsOneShortestChainOfRelationsInTheDirectionWalked() {
        GraphQueries.Route route = queries.path(ref(E), ref(APP), GraphQueries.allRelations()).orElseThrow();
        assertThat(route.path()).containsExactly(E, D, C, APP);
        assertThat(route.edges()).containsExactly(
                new Edge(E, "dependencyOf", D), new Edge(D, "dependencyOf", C), new Edge(C, "dependsOn", APP));

        GraphQueries.Route viaApi = queries.path(ref(APP), ref(PAY), DEPENDENCIES).orElseThrow();
        assertThat(viaApi.edges()).containsExactly(new Edge(APP, "consumesApi", PAY_API), new Edge(PAY_API, "apiProvidedBy", PAY));

        assertThat(queries.path(ref(E), ref(APP), List.of("dependsOn"))).as("e depends on nothing").isEmpty();
        assertThat(queries.path(ref(APP), ref(GHOST), GraphQueries.allRelations())).as("a placeholder is no entity").isEmpty();
        assertThat(queries.path(ref(APP), ref(APP), List.of("dependsOn")).orElseThrow().path()).containsExactly(APP);
    }

    @Test
    void theNeighbourhoodIsTheNodesWithinDepthAndEveryRelationAmongThemOnceAsStored() {
        GraphQueries.Neighbourhood around = queries.neighbourhood(ref(A), GraphQueries.allRelations(), 1, 1000).orElseThrow();

        assertThat(around.nodes()).containsExactly(
                new Node(A, "component", null, true), new Node(APP, "component", "App", true), new Node(C, "component", null, true));
        assertThat(around.edges()).containsExactly( // a → c is declared twice, and shown once; c → app joins two neighbours
                new Edge(A, "dependsOn", C), new Edge(APP, "dependsOn", A), new Edge(C, "dependsOn", APP));
        assertThat(around.truncated()).as("app and c have more neighbours").isTrue();

        GraphQueries.Neighbourhood ofGhost = queries.neighbourhood(ref(B), List.of("dependsOn"), 2, 1000).orElseThrow();
        assertThat(ofGhost.nodes()).contains(new Node(GHOST, "component", null, false));
    }

    @Test
    void aPlaceholderOrAnUnknownRefHasNoAnswer() {
        assertThat(queries.dependencies(ref(GHOST), DEPENDENCIES, 3, 1000)).isEmpty();
        assertThat(queries.dependents(ref("component:default/nowhere"), DEPENDENCIES, 3, 1000)).isEmpty();
        assertThat(queries.ownership(ref(GHOST_TEAM))).isEmpty();
        assertThat(queries.owned(ref(GHOST_TEAM), 10)).isEmpty();
        assertThat(queries.neighbourhood(ref(GHOST), DEPENDENCIES, 1, 10)).isEmpty();
    }

    @Test
    void anUnknownRelationTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> queries.dependencies(ref(APP), List.of("blocks"), 3, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dependsOn");
    }

    @Test
    void anUnreachableNeo4jIsServiceUnavailableAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Driver down = GraphDatabase.driver("bolt://127.0.0.1:" + closedPort, AuthTokens.none(),
                Config.builder().withConnectionTimeout(2, TimeUnit.SECONDS).build())) {
            GraphQueries unreachable = new GraphQueries(down, Duration.ofSeconds(10));
            long start = System.nanoTime();
            assertThatThrownBy(() -> unreachable.dependencies(ref(APP), DEPENDENCIES, 3, 10))
                    .isInstanceOf(ServiceUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no retries").isLessThan(Duration.ofSeconds(5));
        }
    }

    private static Reached reached(String ref, String kind, int depth, boolean exists, String... path) {
        return new Reached(ref, kind, depth, Arrays.asList(path), exists);
    }

}
