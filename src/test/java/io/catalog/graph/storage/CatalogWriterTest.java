package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.processing.GeneratedLocationEntity;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.testing.StoredEntities;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The write path's executor against the real database: claims, refusals, and what a commit leaves behind. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class CatalogWriterTest {

    private static final Lease LEASE = new Lease("test", Duration.ofMinutes(1));

    @Inject
    CatalogWriter writer;
    @Inject
    LocationStore locations;
    @Inject
    EntityProcessor processor;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource dataSource;

    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = new Sql(dataSource);
    }

    @Test
    void anEntityTheDatabaseRefusesIsPlannedAgainAsRefusedAndTheRestCommits() throws Exception {
        UUID id = sql.quietLocation("/nowhere/refused-" + UUID.randomUUID() + ".yaml");
        ClaimedLocation claim = locations.claim(id, LEASE).orElseThrow();
        ProcessedEntity good = entity("writer-accepted", "fine");
        ProcessedEntity poisoned = entity("writer-refused", "a\u0000b"); // past the processing checks on purpose
        List<Map<String, String>> refusals = new ArrayList<>();

        writer.commit(claim, List.of(good.ref().toString(), poisoned.ref().toString()), (before, refused) -> {
            refusals.add(refused);
            List<WritePlan.Placed> inserts = new ArrayList<>();
            for (ProcessedEntity e : List.of(good, poisoned)) {
                if (!refused.containsKey(e.ref().toString())) {
                    inserts.add(new WritePlan.Placed(e, inserts.size()));
                }
            }
            return new WritePlan(inserts, List.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), StoredEntities.readOk());
        });

        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0)).isEmpty();
        assertThat(refusals.get(1)).containsOnlyKeys("component:default/writer-refused");
        assertThat(sql.value("SELECT count(*) FROM entities WHERE entity_ref = 'component:default/writer-accepted' AND location_id = ?", id))
                .isEqualTo(1L);
        assertThat(sql.value("SELECT count(*) FROM entities WHERE entity_ref = 'component:default/writer-refused'")).isEqualTo(0L);
        assertThat(sql.value("SELECT claim_token FROM locations WHERE id = ?", id)).isNull();
    }

    @Test
    void aCommitUnderAClaimThatWasTakenOverWritesNothing() {
        UUID id = sql.quietLocation("/nowhere/taken-over-" + UUID.randomUUID() + ".yaml");
        ClaimedLocation stale = locations.claim(id, LEASE).orElseThrow();
        sql.update("UPDATE locations SET lease_until = now() - interval '1 second' WHERE id = ?", id); // the lease ran out
        ClaimedLocation current = locations.claim(id, LEASE).orElseThrow();
        ProcessedEntity older = entity("writer-takeover", "older read");

        assertThatThrownBy(() -> writer.commit(stale, List.of(older.ref().toString()), (before, refused) -> insertOnly(older)))
                .isInstanceOf(ClaimLostException.class);
        assertThat(sql.value("SELECT count(*) FROM entities WHERE entity_ref = 'component:default/writer-takeover'")).isEqualTo(0L);

        ProcessedEntity newer = entity("writer-takeover", "newer read");
        writer.commit(current, List.of(newer.ref().toString()), (before, refused) -> insertOnly(newer));
        assertThat(sql.value("SELECT body->'metadata'->>'description' FROM entities WHERE entity_ref = 'component:default/writer-takeover'"))
                .isEqualTo("newer read");
    }

    @Test
    void aLocationHeldByAWorkerIsNotClaimedAgainUntilItsLeaseEnds() {
        UUID id = sql.quietLocation("/nowhere/held-" + UUID.randomUUID() + ".yaml");
        sql.update("UPDATE locations SET next_refresh_at = now() - interval '1 minute' WHERE id = ?", id);
        ClaimedLocation held = locations.claim(id, new Lease("test", Duration.ofHours(1))).orElseThrow();

        assertThat(locations.claim(id, LEASE)).isEmpty();
        assertThat(locations.claimDue(10_000, LEASE)).extracting(ClaimedLocation::id).doesNotContain(id);

        writer.commitLocationOnly(held, WritePlan.locationOnly(StoredEntities.readOk()));
        assertThat(locations.claim(id, LEASE)).isPresent();
    }


    @Test
    void aLocationRegisteredWithItsClaimIsHeldByTheRegistrarBeforeAnyLoopCanReadIt() {
        LocationSpec spec = new LocationSpec("file", "/nowhere/registered-" + UUID.randomUUID() + ".yaml");

        ClaimedLocation claim = locations.registerClaimed(spec, LocationSource.API, GeneratedLocationEntity.of(spec, json),
                new Lease("registrar", Duration.ofMinutes(1)));

        assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", claim.id())).isEqualTo("registrar");
        assertThat(locations.claim(claim.id(), LEASE)).isEmpty();
        locations.delete(claim.id());
    }

    @Test
    void aRetargetedLocationIsClaimedByTheRetargeterAndAReadOfTheOldTargetCannotCommit() {
        LocationSpec old = new LocationSpec("file", "/nowhere/old-target-" + UUID.randomUUID() + ".yaml");
        ClaimedLocation readingOld = locations.registerClaimed(old, LocationSource.API, GeneratedLocationEntity.of(old, json),
                new Lease("reader", Duration.ofMinutes(1)));
        LocationSpec moved = new LocationSpec("file", "/nowhere/new-target-" + UUID.randomUUID() + ".yaml");

        ClaimedLocation claim = locations.updateClaimed(readingOld.id(), moved, GeneratedLocationEntity.of(moved, json),
                new Lease("retargeter", Duration.ofMinutes(1))).orElseThrow();

        assertThat(claim.spec()).isEqualTo(moved);
        assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", claim.id())).isEqualTo("retargeter");
        assertThatThrownBy(() -> writer.commitLocationOnly(readingOld, WritePlan.locationOnly(StoredEntities.readOk())))
                .isInstanceOf(ClaimLostException.class);
        assertThat(locations.updateClaimed(UUID.randomUUID(), moved, GeneratedLocationEntity.of(moved, json), LEASE)).isEmpty();
        locations.delete(claim.id());
    }

    @Test
    void aClaimNamesTheInstanceHoldingItAndTheNameStaysAfterTheCommit() {
        UUID id = sql.quietLocation("/nowhere/named-" + UUID.randomUUID() + ".yaml");
        ClaimedLocation held = locations.claim(id, new Lease("replica-a", Duration.ofMinutes(1))).orElseThrow();

        assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", id)).isEqualTo("replica-a");

        writer.commitLocationOnly(held, WritePlan.locationOnly(StoredEntities.readOk()));
        assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", id)).isEqualTo("replica-a");
        locations.claim(id, new Lease("replica-b", Duration.ofMinutes(1))).orElseThrow();
        assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", id)).isEqualTo("replica-b");
    }
    @Test
    void aRefreshAskedForDuringAClaimIsReadRightAfterTheHolderCommits() {
        String target = "/nowhere/asked-" + UUID.randomUUID() + ".yaml";
        UUID id = sql.quietLocation(target);
        ClaimedLocation held = locations.claim(id, LEASE).orElseThrow();

        locations.requestRefresh(id);
        writer.commitLocationOnly(held, WritePlan.locationOnly(StoredEntities.readOk())); // planned to be read again in an hour

        // the app's own loop reads it at once; the file does not exist, so that read fails visibly
        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(sql.value("SELECT status FROM locations WHERE id = ?", id)));
    }

    @Test
    void aFailedCommitMarksTheLocationFailedAndBacksOff() {
        UUID id = sql.quietLocation("/nowhere/backoff-" + UUID.randomUUID() + ".yaml");
        for (int attempt = 0; attempt < 3; attempt++) {
            ClaimedLocation claim = locations.claim(id, LEASE).orElseThrow();
            writer.commitFailed(claim, "value too long for the index", Duration.ofSeconds(10), Duration.ofMinutes(15));
        }
        assertThat(sql.value("SELECT status FROM locations WHERE id = ?", id)).isEqualTo("failed");
        assertThat((String) sql.value("SELECT errors::text FROM locations WHERE id = ?", id)).contains("value too long for the index");
        // 10 s, then 20 s, then 40 s
        assertThat(sql.value("SELECT next_refresh_at BETWEEN now() + interval '35 seconds' AND now() + interval '45 seconds'"
                + " FROM locations WHERE id = ?", id)).isEqualTo(true);
    }

    @Test
    void anEntityDeletedTakesItsSearchAndRelationRowsWithIt() {
        UUID uid = stored(sql.quietLocation("/nowhere/deleted-" + UUID.randomUUID() + ".yaml"), entity("writer-deleted", "goes"));
        assertThat(derivedRows(uid)).as("search and relation rows while it is there").isGreaterThan(2L);

        assertThat(writer.deleteEntity(uid)).isTrue();

        assertThat(derivedRows(uid)).isZero();
    }

    @Test
    void aReplacementOfAnEntityDeletedWhileTheReadWasPlannedLeavesNoRowsOfItBehind() {
        UUID id = sql.quietLocation("/nowhere/replaced-" + UUID.randomUUID() + ".yaml");
        UUID uid = stored(id, entity("writer-replaced", "first read"));

        ProcessedEntity second = entity("writer-replaced", "second read");
        writer.commit(locations.claim(id, LEASE).orElseThrow(), List.of(second.ref().toString()), (before, refused) -> {
            // a user deletes it (DELETE /entities/by-uid) after this read saw it and before the replacement is written
            sql.update("DELETE FROM entities WHERE id = ?", uid);
            return new WritePlan(List.of(), List.of(new WritePlan.Replacement(uid, new WritePlan.Placed(second, 0))), Map.of(),
                    Map.of(), List.of(), List.of(), List.of(), StoredEntities.readOk());
        });

        assertThat(sql.value("SELECT count(*) FROM entities WHERE id = ?", uid)).isEqualTo(0L);
        assertThat(derivedRows(uid)).as("search and relation rows of an entity that is not there").isZero();
    }

    /** Commits {@code entity} as the only thing {@code location} produces; returns its uid. */
    private UUID stored(UUID location, ProcessedEntity entity) {
        writer.commit(locations.claim(location, LEASE).orElseThrow(), List.of(entity.ref().toString()), (before, refused) -> insertOnly(entity));
        return (UUID) sql.value("SELECT id FROM entities WHERE entity_ref = ?", entity.ref().toString());
    }

    private long derivedRows(UUID uid) {
        return (Long) sql.value("SELECT (SELECT count(*) FROM search WHERE entity_id = ?) + (SELECT count(*) FROM relations WHERE originating_entity_id = ?)",
                uid, uid);
    }

    private ProcessedEntity entity(String name, String description) {
        return StoredEntities.component(processor, json, name, description, "writer-team");
    }

    private static WritePlan insertOnly(ProcessedEntity entity) {
        return new WritePlan(List.of(new WritePlan.Placed(entity, 0)), List.of(), Map.of(), Map.of(), List.of(), List.of(),
                List.of(), StoredEntities.readOk());
    }
}
