package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.storage.WritePlan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the store tests hand to the writer: processed entities and a location state, as the pipeline makes them. */
public final class StoredEntities {

    private StoredEntities() {
    }

    /** A Component processed as if read from {@code /nowhere/catalog-info.yaml}; no checks beyond processing. */
    public static ProcessedEntity component(EntityProcessor processor, ObjectMapper json, String name, String description, String owner) {
        var document = json.createObjectNode();
        document.put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component");
        document.putObject("metadata").put("name", name).put("description", description);
        document.putObject("spec").put("type", "service").put("lifecycle", "production").put("owner", owner);
        EntityProcessor.Outcome outcome = processor.process(document, new LocationSpec("file", "/nowhere/catalog-info.yaml"),
                "file:/nowhere/catalog-info.yaml", 1);
        assertThat(outcome.accepted()).isTrue();
        return outcome.entity();
    }

    /** A successful read, due again in an hour. */
    public static WritePlan.LocationState readOk() {
        return new WritePlan.LocationState(WritePlan.Status.OK, List.of(), null, null, true, Instant.now().plus(Duration.ofHours(1)));
    }
}
