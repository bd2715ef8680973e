package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.model.ProcessingError;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one commit of a location changes, decided before any SQL runs. The {@link CatalogWriter} executes
 * a plan in one transaction and decides nothing itself.
 *
 * @param inserts          entities new to the catalog
 * @param replacements     existing rows given new content (changed, or an orphan adopted); their errors are cleared
 * @param errors           rows whose content stays but whose processing errors are set (an empty list clears them)
 * @param positions        rows whose document index changed while their content did not
 * @param deletes          rows to remove: only ever from a read that identified every document
 * @param childrenToAdd    locations newly declared by the location's Location entities
 * @param childrenToRemove declared locations no longer declared; their subtrees are removed, their entities orphaned
 * @param location         the location row's new state
 */
public record WritePlan(List<Placed> inserts, List<Replacement> replacements, Map<UUID, List<ProcessingError>> errors,
                        Map<UUID, Integer> positions, List<UUID> deletes, List<NewChild> childrenToAdd,
                        List<UUID> childrenToRemove, LocationState location) {

    /** An entity and the document of its location's file it came from. */
    public record Placed(ProcessedEntity entity, int documentIndex) {
    }

    public record Replacement(UUID id, Placed with) {
    }

    public record NewChild(LocationSpec spec, String declaredBy) {
    }

    public enum Status { OK, FAILED }

    /**
     * @param errors      the location's own errors; null keeps the current ones
     * @param content     what the read was (hash, ETag, files it pulled in); null keeps the current record
     * @param httpEtag    the ETag of the read, when it had one and {@code content} is null; null keeps the current one
     * @param succeeded   whether the read succeeded (last_success_at)
     */
    public record LocationState(Status status, List<ProcessingError> errors, Content content, String httpEtag,
                                boolean succeeded, Instant nextRefresh) {
    }

    /** A content hash of null makes the next read process the input again even if it is unchanged. */
    public record Content(String hash, String httpEtag, List<LocationSpec> dependencies) {
    }

    public WritePlan {
        inserts = List.copyOf(inserts);
        replacements = List.copyOf(replacements);
        errors = Map.copyOf(errors);
        positions = Map.copyOf(positions);
        deletes = List.copyOf(deletes);
        childrenToAdd = List.copyOf(childrenToAdd);
        childrenToRemove = List.copyOf(childrenToRemove);
    }

    /** Only the location row changes. */
    public static WritePlan locationOnly(LocationState state) {
        return new WritePlan(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), state);
    }

    /** Every entity this plan writes content for, in plan order. */
    public List<Placed> written() {
        return java.util.stream.Stream.concat(inserts.stream(), replacements.stream().map(Replacement::with)).toList();
    }
}
