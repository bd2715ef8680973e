package io.catalog.graph.api;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.processing.GeneratedLocationEntity;
import io.catalog.graph.storage.ClaimedLocation;
import io.catalog.graph.storage.Lease;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.refresh;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop every instance runs: due locations are re-read, unchanged input costs no writes, claims never overlap. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class RefreshLoopTest {

    @Inject
    DataSource dataSource;

    @Inject
    LocationStore locations;

    @Inject
    ObjectMapper json;

    @Test
    void dueLocationIsReReadByTheLoopWithoutAnyRequest() throws Exception {
        Workspace ws = Workspace.create("loop");
        ws.write("catalog-info.yaml", component("loop-service", "before"));
        registerFile(ws, "catalog-info.yaml");

        ws.write("catalog-info.yaml", component("loop-service", "after"));
        execute("UPDATE locations SET next_refresh_at = now() WHERE target = ?", ws.root().resolve("catalog-info.yaml").toString());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "after".equals(entity("component", "loop-service").getString("spec.owner")));
        Object next = query("SELECT next_refresh_at > now() + interval '14 minutes' FROM locations WHERE target = ?",
                ws.root().resolve("catalog-info.yaml").toString());
        assertThat(next).isEqualTo(true);
    }

    @Test
    void unchangedInputIsNotWrittenAgain() throws Exception {
        Workspace ws = Workspace.create("unchanged");
        ws.write("catalog-info.yaml", component("unchanged-service", "t"));
        registerFile(ws, "catalog-info.yaml");
        Object before = query("SELECT updated_at FROM entities WHERE entity_ref = ?", "component:default/unchanged-service");
        Object lastReadBefore = query("SELECT last_read_at FROM locations WHERE target = ?", ws.root().resolve("catalog-info.yaml").toString());

        refresh("component:default/unchanged-service");

        assertThat(query("SELECT updated_at FROM entities WHERE entity_ref = ?", "component:default/unchanged-service")).isEqualTo(before);
        assertThat(query("SELECT last_read_at FROM locations WHERE target = ?", ws.root().resolve("catalog-info.yaml").toString()))
                .isNotEqualTo(lastReadBefore);
    }

    @Test
    void concurrentClaimersNeverGetTheSameLocation() throws Exception {
        Workspace ws = Workspace.create("claims");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LocationSpec spec = new LocationSpec("file", ws.root().resolve("missing-" + i + ".yaml").toString());
            ids.add(locations.register(spec, LocationSource.API, GeneratedLocationEntity.of(spec, json)));
        }
        // a lease in the past would let them be claimed again; a long one keeps each claim exclusive
        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> claimers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimers.add(() -> {
                    List<ClaimedLocation> batch;
                    do {
                        batch = locations.claimDue(3, new Lease("test", Duration.ofHours(1)));
                        batch.forEach(c -> claimed.add(c.id()));
                    } while (!batch.isEmpty());
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(claimers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Set<UUID> unique = new HashSet<>(claimed);
        assertThat(unique).hasSameSizeAs(claimed);
        // the app's own loop may have taken some of them first; none may be lost or doubled
        List<UUID> claimedElsewhere = ids.stream().filter(id -> !unique.contains(id)).toList();
        for (UUID id : claimedElsewhere) {
            // read and rescheduled by the app's loop, or still held by it (claimed, not yet committed)
            assertThat(query("SELECT next_refresh_at > now() OR lease_until > now() FROM locations WHERE id = ?", id)).isEqualTo(true);
        }
        ids.forEach(locations::delete);
    }

    @Test
    void instancesRegisteringTheSameLocationAtOnceEndWithOneRegistration() throws Exception {
        Workspace ws = Workspace.create("race");
        LocationSpec spec = new LocationSpec("file", ws.root().resolve("catalog-info.yaml").toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<String>> registrations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            registrations.add(() -> {
                try {
                    return "registered " + locations.register(spec, LocationSource.CONFIG, GeneratedLocationEntity.of(spec, json));
                } catch (LocationStore.AlreadyRegisteredException e) {
                    return "already";
                }
            });
        }
        List<String> outcomes = new ArrayList<>();
        try {
            for (Future<String> f : pool.invokeAll(registrations)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(outcomes).filteredOn(o -> o.startsWith("registered")).hasSize(1);
        assertThat(outcomes).filteredOn("already"::equals).hasSize(3);
        locations.delete(locations.idOf(spec).orElseThrow());
    }

    private void execute(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            s.executeUpdate();
        }
    }

    private Object query(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
