package io.catalog.graph.graph;

import io.catalog.graph.graph.GraphQueries.Reached;
import io.catalog.graph.testing.EmbeddedGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.catalog.graph.testing.GraphSeed.entity;
import static io.catalog.graph.testing.GraphSeed.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers reused while the graph is unchanged, and never once it changed: whichever writer changed it (another
 * replica's projector included), whatever the change (an edit, a rebuild), and within the bound.
 */
class GraphAnswerCacheTest {

    private static final String APP = "component:default/app";
    private static final String DB = "resource:default/db";
    private static final String WEB = "component:default/web";
    private static final List<String> DEPENDS_ON = List.of("dependsOn");

    private static EmbeddedGraph neo4j;
    private static Driver driver;
    private GraphWriter writer;
    private GraphAnswerCache cache;
    private GraphQueries queries;

    @BeforeAll
    static void startNeo4j() throws IOException {
        neo4j = EmbeddedGraph.start("graph-answer-cache-test");
        driver = neo4j.driver();
    }

    @AfterAll
    static void stopNeo4j() {
        neo4j.close();
    }

    @BeforeEach
    void appDependsOnDb() {
        writer = new GraphWriter(driver);
        writer.clear();
        writer.apply(List.of(entity(APP, null, "dependsOn " + DB), entity(DB, null)));
        cache = new GraphAnswerCache(1_000);
        queries = new GraphQueries(driver, Duration.ofSeconds(10), cache);
    }

    @Test
    void anUnchangedGraphAnswersTheSameQuestionAgainFromWhatWasKept() {
        List<String> first = dependentsOfDb();
        List<String> second = dependentsOfDb();

        assertThat(second).isEqualTo(first).containsExactly(APP);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void aChangeToTheGraphIsInTheNextAnswer() {
        assertThat(dependentsOfDb()).containsExactly(APP);

        writer.apply(List.of(entity(WEB, null, "dependsOn " + DB)));

        assertThat(dependentsOfDb()).containsExactly(APP, WEB);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void aChangeWrittenByAnotherInstanceIsInTheNextAnswer() {
        assertThat(dependentsOfDb()).containsExactly(APP);

        try (Driver otherReplica = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            new GraphWriter(otherReplica).apply(List.of(entity(APP, null)));
        }

        assertThat(dependentsOfDb()).as("app no longer depends on db").isEmpty();
    }

    @Test
    void aVersionReadRecentlyIsTrustedSoAnotherInstancesWriteShowsOnlyOnceItIsReadAgain() {
        GraphAnswerCache trusting = new GraphAnswerCache(1_000, Duration.ofHours(1));
        GraphQueries trustingQueries = new GraphQueries(driver, Duration.ofSeconds(10), trusting);
        GraphAnswerCache rechecking = new GraphAnswerCache(1_000, Duration.ofMillis(100));
        GraphQueries recheckingQueries = new GraphQueries(driver, Duration.ofSeconds(10), rechecking);
        assertThat(dependentsOfDb(trustingQueries)).containsExactly(APP);
        assertThat(dependentsOfDb(recheckingQueries)).containsExactly(APP);

        try (Driver otherReplica = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            new GraphWriter(otherReplica).apply(List.of(entity(WEB, null, "dependsOn " + DB)));
        }

        assertThat(dependentsOfDb(trustingQueries)).as("the graph was not asked again within the hour").containsExactly(APP);
        assertThat(trusting.hits()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(dependentsOfDb(recheckingQueries)).as("asked again after 100 ms").containsExactly(APP, WEB));
    }

    @Test
    void thisInstancesOwnWriteShowsAtOnceHoweverLongTheVersionIsTrusted() {
        GraphAnswerCache trusting = new GraphAnswerCache(1_000, Duration.ofHours(1));
        GraphQueries trustingQueries = new GraphQueries(driver, Duration.ofSeconds(10), trusting);
        assertThat(dependentsOfDb(trustingQueries)).containsExactly(APP);

        new GraphWriter(driver, trusting).apply(List.of(entity(WEB, null, "dependsOn " + DB)));
        assertThat(dependentsOfDb(trustingQueries)).containsExactly(APP, WEB);

        new GraphWriter(driver, trusting).clear();
        assertThat(trustingQueries.dependents(ref(DB), DEPENDS_ON, 3, 100)).as("db is not in the emptied graph").isEmpty();
    }

    @Test
    void aRebuildIsAChangeToo() {
        assertThat(dependentsOfDb()).containsExactly(APP);

        writer.clear();

        assertThat(queries.dependents(ref(DB), DEPENDS_ON, 3, 100)).as("db is not in the emptied graph").isEmpty();
        writer.apply(List.of(entity(APP, null, "dependsOn " + DB), entity(DB, null), entity(WEB, null, "dependsOn " + DB)));
        assertThat(dependentsOfDb()).containsExactly(APP, WEB);
    }

    @Test
    void differentQuestionsAreKeptApart() {
        assertThat(dependentsOfDb()).containsExactly(APP);
        assertThat(queries.dependencies(ref(APP), DEPENDS_ON, 3, 100).orElseThrow().items())
                .extracting(Reached::entityRef).containsExactly(DB);
        assertThat(queries.dependents(ref(DB), DEPENDS_ON, 3, 0).orElseThrow().truncated())
                .as("the same walk with another limit is another question").isTrue();
        assertThat(cache.hits()).isZero();
    }

    @Test
    void aCacheOfSizeZeroKeepsNothing() {
        GraphAnswerCache none = new GraphAnswerCache(0);
        GraphQueries uncached = new GraphQueries(driver, Duration.ofSeconds(10), none);

        uncached.dependents(ref(DB), DEPENDS_ON, 3, 100);
        uncached.dependents(ref(DB), DEPENDS_ON, 3, 100);

        assertThat(none.hits()).isZero();
        assertThat(none.misses()).isEqualTo(2);
    }

    private List<String> dependentsOfDb() {
        return dependentsOfDb(queries);
    }

    private static List<String> dependentsOfDb(GraphQueries asking) {
        return asking.dependents(ref(DB), DEPENDS_ON, 3, 100).orElseThrow().items().stream().map(Reached::entityRef).toList();
    }
}
