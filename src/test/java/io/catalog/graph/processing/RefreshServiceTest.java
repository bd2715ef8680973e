package io.catalog.graph.processing;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.ReadActivity;
import io.catalog.graph.ingest.DescriptorParser;
import io.catalog.graph.ingest.LocationReader;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.ingest.PlaceholderResolver;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.ingest.ReadResult;
import io.catalog.graph.storage.CatalogWriter;
import io.catalog.graph.storage.Lease;
import io.catalog.graph.storage.ClaimedLocation;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Metrics;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.testing.Workspace;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.catalog.graph.testing.Descriptors.component;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One worker per location at a time, whatever asks for the read, and a worker that survives what it reads. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class RefreshServiceTest {

    @Inject
    RefreshService refresh;
    @Inject
    jakarta.enterprise.event.Event<RereadRequested> rereads;
    @Inject
    LocationStore locations;
    @Inject
    CatalogWriter writer;
    @Inject
    DescriptorParser parser;
    @Inject
    EntityProcessor entityProcessor;
    @Inject
    ReadPolicy policy;
    @Inject
    DueSignal due;
    @Inject
    RefreshMetrics metrics;
    @Inject
    CatalogConfig config;
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
    void aRefreshAskedForWhileAnotherWorkerHoldsTheLocationWaitsForItThenReads() throws Exception {
        Workspace ws = Workspace.create("busy");
        ws.write("catalog-info.yaml", component("busy-service", "before"));
        registerFile(ws, "catalog-info.yaml");
        UUID id = locations.idOf(new LocationSpec("file", ws.root().resolve("catalog-info.yaml").toString())).orElseThrow();
        AtomicReference<ClaimedLocation> holder = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Optional<ClaimedLocation> claimed = locations.claim(id, new Lease("test", Duration.ofMinutes(5))); // as another instance would
            claimed.ifPresent(holder::set);
            return claimed.isPresent();
        });

        ws.write("catalog-info.yaml", component("busy-service", "after"));
        CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> refresh.refreshNow(id));

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() ->
                !asked.isDone() && "before".equals(entity("component", "busy-service").getString("spec.owner")));

        writer.commitLocationOnly(holder.get(), WritePlanner.planUnchanged(null, Instant.now().plus(Duration.ofHours(1))));
        assertThat(asked.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(entity("component", "busy-service").getString("spec.owner")).isEqualTo("after");
    }

    @Test
    void anErrorWhileReadingEndsTheClaimAndIsReportedOnTheLocation() {
        LocationReader exhausted = new LocationReader(HttpClient.newHttpClient()) {
            @Override
            public ReadResult read(LocationSpec location, ReadPolicy policy, String ifNoneMatch) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        RefreshService service = new RefreshService(locations, writer,
                new LocationProcessor(exhausted, parser, new PlaceholderResolver(json, parser, 20),
                        new PlaceholderReads.Limits(1_000_000, Duration.ofSeconds(30)), entityProcessor,
                        new StorableCheck(1 << 20)), policy, due, metrics, new ReadActivity(), config, rereads);
        UUID id = sql.quietLocation("/nowhere/exhausting-" + UUID.randomUUID() + ".yaml");
        double errorsBefore = Metrics.scrape().value("catalog_location_refresh_seconds_count", "outcome", "error");

        service.refresh(locations.claim(id, new Lease("test", Duration.ofMinutes(5))).orElseThrow());

        assertThat(Metrics.scrape().value("catalog_location_refresh_seconds_count", "outcome", "error")).isEqualTo(errorsBefore + 1);

        assertThat(sql.value("SELECT status FROM locations WHERE id = ?", id)).isEqualTo("failed");
        assertThat((String) sql.value("SELECT errors::text FROM locations WHERE id = ?", id)).contains("Java heap space");
        assertThat(sql.value("SELECT claim_token FROM locations WHERE id = ?", id)).isNull();
        assertThat(sql.value("SELECT next_refresh_at > now() FROM locations WHERE id = ?", id)).isEqualTo(true);
    }
}
