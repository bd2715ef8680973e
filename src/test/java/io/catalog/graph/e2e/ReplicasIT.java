package io.catalog.graph.e2e;

import io.catalog.graph.bench.SyntheticCatalog;
import io.catalog.graph.testing.Replica;
import io.catalog.graph.testing.ReplicaSet;
import io.catalog.graph.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas: instances of the packaged catalog, each in a process of its own, sharing one PostgreSQL and one Neo4j.
 * They split a first load between them without reading any location twice, project the graph one at a time, and
 * when one is killed mid-load the others take its claims over once their leases run out.
 */
class ReplicasIT {

    /** 50 part files of 200 entities and the root: enough locations for every replica to get a share. */
    private static final int ENTITIES = 10_000;
    /** The projector's advisory lock (storage.GraphChangeStore), split as pg_locks shows a bigint key. */
    private static final long PROJECTOR_LOCK = 0x63617467726170L;

    @TempDir
    Path catalog;

    private ReplicaSet replicas;

    @AfterEach
    void stopReplicas() {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void threeReplicasShareAFirstLoadReadingEachLocationOnceAndProjectOneAtATime() throws Exception {
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(catalog, ENTITIES, 42);
        replicas = ReplicaSet.start(3, catalog, "512m", Map.of("catalog.refresh.poll-interval", "200ms"));
        Sql sql = replicas.sql();
        ProjectorWatch projectors = ProjectorWatch.start(sql);

        replicas.replica(0).registerFile(catalog.resolve("catalog-info.yaml"));
        replicas.awaitLoaded(summary.files(), summary.entities() + 1, Duration.ofMinutes(5));
        awaitGraphConsistent(replicas.replica(1));
        projectors.stop();

        long reads = 0;
        int replicasThatRead = 0;
        for (Replica replica : replicas.replicas()) {
            long refreshes = replica.locationReads();
            // each location was read once, so the last instance to claim it is the one that read it
            assertThat(refreshes).as("refreshes counted by %s, against the locations it holds", replica.name())
                    .isEqualTo(sql.count("SELECT count(*) FROM locations WHERE claimed_by = ?", replica.name()));
            reads += refreshes;
            replicasThatRead += refreshes > 0 ? 1 : 0;
        }
        assertThat(reads).as("location reads across replicas").isEqualTo(summary.files());
        assertThat(replicasThatRead).as("replicas that took part of the load").isGreaterThanOrEqualTo(2);
        assertThat(projectors.mostAtOnce()).as("projectors holding the lock at once").isEqualTo(1);
        for (Replica replica : replicas.replicas()) {
            assertThat(replica.get("/api/catalog/entities/by-query?limit=1").body())
                    .as("what %s serves", replica.name()).contains("\"totalItems\":" + (summary.entities() + 1));
        }
    }

    @Test
    void aReplicaKilledMidLoadLeavesAConsistentCatalogAndItsClaimsAreTakenOverWhenTheirLeasesEnd() throws Exception {
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(catalog, ENTITIES, 42);
        replicas = ReplicaSet.start(2, catalog, "512m", Map.of(
                "catalog.refresh.poll-interval", "200ms",
                "catalog.refresh.lease", "5s"));
        Sql sql = replicas.sql();
        Replica survivor = replicas.replica(0);
        Replica victim = replicas.replica(1);

        survivor.registerFile(catalog.resolve("catalog-info.yaml"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() ->
                sql.count("SELECT count(*) FROM locations WHERE claimed_by = ? AND claim_token IS NOT NULL", victim.name()) > 0);
        victim.kill();
        Object killedAt = sql.value("SELECT now()");
        List<Object> leftHeld = sql.column("SELECT id FROM locations WHERE claimed_by = ? AND claim_token IS NOT NULL", victim.name());
        long readByVictim = sql.count("SELECT count(*) FROM locations WHERE claimed_by = ? AND claim_token IS NULL", victim.name());
        assertThat(leftHeld).as("claims the killed replica held").isNotEmpty();
        assertThat(sql.count("SELECT count(*) FROM locations WHERE last_read_at IS NULL")).as("locations still unread at the kill").isPositive();

        replicas.awaitLoaded(summary.files(), summary.entities() + 1, Duration.ofMinutes(5));
        awaitGraphConsistent(survivor);

        for (Object id : leftHeld) {
            assertThat(sql.value("SELECT claimed_by FROM locations WHERE id = ?", id)).as("holder of %s", id).isEqualTo(survivor.name());
            assertThat(sql.value("SELECT claim_token IS NULL AND last_read_at > ? FROM locations WHERE id = ?", killedAt, id))
                    .as("%s read again after the kill", id).isEqualTo(true);
        }
        long readBySurvivor = survivor.locationReads();
        assertThat(readBySurvivor + readByVictim).as("location reads, the killed replica's unfinished ones not counted")
                .isEqualTo(summary.files());
        assertThat(survivor.get("/api/catalog/entities/by-query?limit=1").body()).contains("\"totalItems\":" + (summary.entities() + 1));
    }

    private static void awaitGraphConsistent(Replica replica) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                replica.get("/api/graph/consistency").body().contains("\"consistent\":true"));
    }

    /** Samples who holds the projector lock, every few milliseconds, from pg_locks. */
    private static final class ProjectorWatch {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final Thread thread;

        private ProjectorWatch(Sql sql) {
            thread = new Thread(() -> {
                while (running.get()) {
                    List<Object> now = sql.column("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1",
                            PROJECTOR_LOCK >>> 32, PROJECTOR_LOCK & 0xffffffffL);
                    mostAtOnce.accumulateAndGet(now.size(), Math::max);
                    LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // a sampling period, not a wait for a condition
                }
            }, "projector-watch");
        }

        static ProjectorWatch start(Sql sql) {
            ProjectorWatch watch = new ProjectorWatch(sql);
            watch.thread.start();
            return watch;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }
    }
}
