package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.testing.StoredEntities;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The graph outbox is written by the write path itself, in its transaction: a commit leaves change rows for exactly
 * the entities it created, changed or deleted, and a rolled-back one leaves none. The app's projector is kept off the
 * rows (this test holds the projector lock), so what is counted is what the writes left.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class GraphChangesTest {

    private static final Lease LEASE = new Lease("test", Duration.ofMinutes(1));

    @Inject
    CatalogWriter writer;
    @Inject
    LocationStore locations;
    @Inject
    GraphChangeStore store;
    @Inject
    EntityProcessor processor;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource dataSource;

    private Sql sql;
    private AdvisoryLock projectorHeldOff;

    @BeforeEach
    void holdTheProjectorOff() {
        sql = new Sql(dataSource);
        projectorHeldOff = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> store.tryLock().orElse(null), lock -> lock != null);
    }

    @AfterEach
    void releaseTheProjector() {
        projectorHeldOff.close();
    }

    @Test
    void aCommittedPlanWritesOneRowPerEntityItCreatesChangesOrDeletesAndNoneForUnchangedOnes() {
        String name = "outbox-" + UUID.randomUUID();
        UUID location = sql.quietLocation("/nowhere/" + name + ".yaml");
        ProcessedEntity first = entity(name, "first");
        commit(location, plan(List.of(new WritePlan.Placed(first, 0)), List.of(), List.of()));
        assertThat(rows(first)).isEqualTo(1L);

        UUID id = (UUID) sql.value("SELECT id FROM entities WHERE entity_ref = ?", first.ref().toString());
        commit(location, plan(List.of(), List.of(new WritePlan.Replacement(id, new WritePlan.Placed(entity(name, "second"), 0))), List.of()));
        assertThat(rows(first)).as("changed").isEqualTo(2L);

        commit(location, WritePlan.locationOnly(StoredEntities.readOk()));
        commit(location, new WritePlan(List.of(), List.of(), Map.of(id, List.of()), Map.of(id, 3), List.of(), List.of(),
                List.of(), StoredEntities.readOk()));
        assertThat(rows(first)).as("unchanged input, errors or position only: the graph has nothing new").isEqualTo(2L);

        commit(location, plan(List.of(), List.of(), List.of(id)));
        assertThat(rows(first)).as("deleted").isEqualTo(3L);
    }

    @Test
    void aRolledBackWriteLeavesNoChangeRows() {
        String name = "outbox-rollback-" + UUID.randomUUID();
        UUID location = sql.quietLocation("/nowhere/" + name + ".yaml");
        ProcessedEntity entity = entity(name, "never");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            commit(location, plan(List.of(new WritePlan.Placed(entity, 0)), List.of(), List.of()));
            // the same transaction (this thread's connection is enlisted in it) sees the row the write added
            assertThat(rows(entity)).as("written in the write's transaction").isEqualTo(1L);
            throw new IllegalStateException("the commit fails after the write");
        })).hasMessageContaining("the commit fails");

        assertThat(rows(entity)).isEqualTo(0L);
        assertThat(sql.value("SELECT count(*) FROM entities WHERE entity_ref = ?", entity.ref().toString())).isEqualTo(0L);
    }

    @Test
    void deletingByUidRecordsTheEntityOnlyWhenARowWasDeleted() {
        String name = "outbox-delete-" + UUID.randomUUID();
        UUID location = sql.quietLocation("/nowhere/" + name + ".yaml");
        ProcessedEntity entity = entity(name, "doomed");
        commit(location, plan(List.of(new WritePlan.Placed(entity, 0)), List.of(), List.of()));
        UUID id = (UUID) sql.value("SELECT id FROM entities WHERE entity_ref = ?", entity.ref().toString());

        assertThat(writer.deleteEntity(id)).isTrue();
        assertThat(rows(entity)).isEqualTo(2L);
        assertThat(writer.deleteEntity(id)).as("already gone: nothing changes, nothing recorded").isFalse();
        assertThat(rows(entity)).isEqualTo(2L);
    }

    private long rows(ProcessedEntity entity) {
        return (long) sql.value("SELECT count(*) FROM graph_changes WHERE entity_ref = ?", entity.ref().toString());
    }

    private void commit(UUID location, WritePlan plan) {
        ClaimedLocation claim = locations.claim(location, LEASE).orElseThrow();
        writer.commit(claim, List.of(), (before, refused) -> plan);
    }

    private static WritePlan plan(List<WritePlan.Placed> inserts, List<WritePlan.Replacement> replacements, List<UUID> deletes) {
        return new WritePlan(inserts, replacements, Map.of(), Map.of(), deletes, List.of(), List.of(), StoredEntities.readOk());
    }

    private ProcessedEntity entity(String name, String description) {
        return StoredEntities.component(processor, json, name, description, "outbox-team");
    }
}
