package io.catalog.graph.graph;

import io.catalog.graph.testing.EmbeddedGraph;
import io.catalog.graph.testing.GraphSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphSchemaMigratorTest {

    private static EmbeddedGraph neo4j;
    private static Driver driver;

    @BeforeAll
    static void startNeo4j() throws IOException {
        neo4j = EmbeddedGraph.start("graph-schema-test");
        driver = neo4j.driver();
    }

    /** Each test starts from a graph no migration has run on (constraints and indexes may stay: they are IF NOT EXISTS). */
    @BeforeEach
    void emptyGraph() {
        driver.executableQuery("MATCH (n) DETACH DELETE n").execute();
    }

    @AfterAll
    static void stopNeo4j() {
        neo4j.close();
    }

    @Test
    void thePackagedFilesRunOnceAndLeaveTheConstraintsTheQueriesNeed() {
        List<SchemaMigration> packaged = GraphSchemaMigrator.packaged();
        assertThat(packaged).extracting(SchemaMigration::version).startsWith(1);

        GraphSchemaMigrator migrator = new GraphSchemaMigrator(driver);
        assertThat(migrator.migrate(packaged).applied()).containsExactlyElementsOf(packaged.stream().map(SchemaMigration::version).toList());
        assertThat(migrator.migrate(packaged).applied()).as("second start").isEmpty();

        List<String> constraints = driver.executableQuery("SHOW CONSTRAINTS YIELD name RETURN name").execute().records()
                .stream().map(r -> r.get("name").asString()).toList();
        assertThat(constraints).contains("entity_ref_unique");
        assertThat(driver.executableQuery("MATCH (m:SchemaMigration {version: 1}) RETURN m.description AS d").execute()
                .records().get(0).get("d").asString()).isEqualTo("entity constraints");
    }

    @Test
    void aFileChangedAfterItWasAppliedIsReportedNotRunAgain() {
        GraphSchemaMigrator migrator = new GraphSchemaMigrator(driver);
        migrator.migrate(List.of(SchemaMigration.parse("V90__probe.cypher", "CREATE INDEX probe IF NOT EXISTS FOR (p:Probe) ON (p.x);")));

        GraphSchemaMigrator.Outcome outcome = migrator.migrate(List.of(
                SchemaMigration.parse("V90__probe.cypher", "CREATE INDEX probe_changed IF NOT EXISTS FOR (p:Probe) ON (p.y);")));

        assertThat(outcome.applied()).isEmpty();
        assertThat(outcome.changedSinceApplied()).containsExactly(90);
    }

    @Test
    void aGraphWhoseRelationshipsNamedTheirOriginIsRewrittenSoEachEntityStillReplacesWhatItDeclared() {
        GraphSchemaMigrator migrator = new GraphSchemaMigrator(driver);
        migrator.migrate(GraphSchemaMigrator.packaged().stream().filter(m -> m.version() < 2).toList()); // before V2 existed
        driver.executableQuery("""
                CREATE (o:Entity:Component {ref: 'component:default/orders', kind: 'component', exists: true}),
                       (p:Entity:Component {ref: 'component:default/payments', kind: 'component', exists: true}),
                       (o)-[:DEPENDS_ON {origin: 'component:default/orders'}]->(p),
                       (o)-[:DEPENDS_ON {origin: 'component:default/payments'}]->(p),
                       (o)-[:DEPENDS_ON {origin: 'component:default/orders'}]->(o)""").execute();

        assertThat(migrator.migrate(GraphSchemaMigrator.packaged()).applied()).containsExactly(2);

        assertThat(relationships()).containsExactly(
                "component:default/orders DEPENDS_ON component:default/orders declaredByTarget=absent",
                "component:default/orders DEPENDS_ON component:default/payments declaredByTarget=absent",
                "component:default/orders DEPENDS_ON component:default/payments declaredByTarget=true");
        new GraphWriter(driver).apply(List.of(EntityChange.present(GraphSeed.ref("component:default/orders"), null, List.of())));
        assertThat(relationships()).as("what payments declared stays").containsExactly(
                "component:default/orders DEPENDS_ON component:default/payments declaredByTarget=true");
    }

    private static List<String> relationships() {
        return driver.executableQuery("MATCH (s:Entity)-[r]->(t:Entity) RETURN s.ref + ' ' + type(r) + ' ' + t.ref"
                        + " + ' declaredByTarget=' + coalesce(toString(r.declaredByTarget), 'absent')"
                        + " + coalesce(' origin=' + r.origin, '') AS v ORDER BY v").execute()
                .records().stream().map(r -> r.get("v").asString()).toList();
    }

    @Test
    void statementsAreSplitAndCommentsDropped() {
        SchemaMigration migration = SchemaMigration.parse("V3__two_indexes.cypher",
                "// why: lookups by name\nCREATE INDEX a IF NOT EXISTS FOR (e:Entity) ON (e.name);\n\nCREATE INDEX b IF NOT EXISTS FOR (e:Entity) ON (e.title);\n");
        assertThat(migration.version()).isEqualTo(3);
        assertThat(migration.description()).isEqualTo("two indexes");
        assertThat(migration.statements()).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("CREATE INDEX"));
        assertThatThrownBy(() -> SchemaMigration.parse("schema.cypher", "")).hasMessageContaining("V<version>__");
    }
}
