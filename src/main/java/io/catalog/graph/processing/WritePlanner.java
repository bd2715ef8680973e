package io.catalog.graph.processing;

import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.storage.LocationSnapshot;
import io.catalog.graph.storage.LocationSnapshot.OwnedEntity;
import io.catalog.graph.storage.WritePlan;
import io.catalog.graph.storage.WritePlan.Placed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what one read of a location changes, from what the read produced and what the location produced
 * before. Pure: the storage layer executes the plan and decides nothing.
 *
 * <p>The rules, in the order they apply:
 * <ul>
 *   <li>a produced entity is inserted, replaces its own row when its content changed, adopts an orphan of the same
 *       ref, or is refused with a conflict when another location holds the ref;</li>
 *   <li>a rejected document keeps the entity it was (same ref, or else the entity that came from the same position
 *       in the file) with the error attached: an invalid edit never deletes;</li>
 *   <li>only a read in which every document says which entity it is removes anything: entities no longer produced, and child
 *       locations no longer declared (a Location entity kept with errors keeps its children).</li>
 * </ul>
 */
public final class WritePlanner {

    /** The claimed location the plan is for. */
    public record Target(LocationSpec spec, boolean registered, String declaredBy) {
    }

    private WritePlanner() {
    }

    /**
     * @param unstorable entity refs the database refused to store in an earlier attempt, with its message; they are
     *                   planned as rejected documents
     */
    public static WritePlan plan(Target target, LocationProcessor.Processed read, LocationSnapshot before,
                                 Map<String, String> unstorable, Instant nextRefresh) {
        List<ProcessingError> locationErrors = new ArrayList<>(read.problems());
        List<RejectedDocument> rejected = new ArrayList<>(read.rejected());
        List<LocationProcessor.Produced> produced = new ArrayList<>();
        for (LocationProcessor.Produced p : read.produced()) {
            String refused = unstorable.get(p.entity().ref().toString());
            if (refused == null) {
                produced.add(p);
            } else {
                rejected.add(new RejectedDocument(p.entity().ref(), true, p.documentIndex(), 0, List.of(ProcessingError.input(
                        "the database refused to store " + p.entity().ref() + ": " + refused, p.entity().ref().toString(), null))));
            }
        }

        List<Placed> inserts = new ArrayList<>();
        List<WritePlan.Replacement> replacements = new ArrayList<>();
        Map<UUID, List<ProcessingError>> errors = new HashMap<>();
        Map<UUID, Integer> positions = new HashMap<>();
        Set<String> keep = new HashSet<>();
        if (target.registered() && target.declaredBy() != null) {
            keep.add(target.declaredBy());
        }
        for (LocationProcessor.Produced p : produced) {
            String ref = p.entity().ref().toString();
            Placed placed = new Placed(p.entity(), p.documentIndex());
            OwnedEntity mine = before.owned().get(ref);
            if (mine != null) {
                keep.add(ref);
                if (!mine.hash().equals(p.entity().hash())) {
                    replacements.add(new WritePlan.Replacement(mine.id(), placed));
                } else {
                    if (mine.hasErrors()) {
                        errors.put(mine.id(), List.of());
                    }
                    if (mine.documentIndex() == null || mine.documentIndex() != p.documentIndex()) {
                        positions.put(mine.id(), p.documentIndex());
                    }
                }
                continue;
            }
            LocationSnapshot.OtherHolder other = before.others().get(ref);
            if (other == null) {
                keep.add(ref);
                inserts.add(placed);
            } else if (other.orphan()) {
                keep.add(ref);
                replacements.add(new WritePlan.Replacement(other.entityId(), placed));
            } else {
                locationErrors.add(ProcessingError.conflict("entity " + ref + " is already provided by another location ("
                        + other.locationLabel() + "); it was not taken over", ref));
            }
        }

        Set<String> keptWithErrors = new HashSet<>();
        boolean everyDocumentIdentified = true;
        for (RejectedDocument document : rejected) {
            locationErrors.addAll(document.errors());
            OwnedEntity was = entityItWas(document, before, keep);
            if (was != null) {
                keep.add(was.ref());
                keptWithErrors.add(was.ref());
                errors.put(was.id(), document.errors());
            }
            if (!document.identified() && (was == null || !was.ref().equals(String.valueOf(document.ref())))) {
                // matched by position at best: which entity it stands for is a guess, so nothing is removed
                everyDocumentIdentified = false;
            }
        }

        List<UUID> deletes = everyDocumentIdentified
                ? before.owned().values().stream().filter(e -> !keep.contains(e.ref())).map(OwnedEntity::id).toList()
                : List.of();

        List<WritePlan.NewChild> childrenToAdd = new ArrayList<>();
        Set<LocationSpec> declared = new LinkedHashSet<>();
        Set<LocationSpec> existing = new HashSet<>();
        before.children().forEach(child -> existing.add(child.spec()));
        for (LocationProcessor.ChildLocation child : read.children()) {
            if (child.spec().equals(target.spec())) {
                locationErrors.add(ProcessingError.input("location " + child.spec() + " declares itself as its own target",
                        child.declaredBy().toString(), null));
            } else if (declared.add(child.spec()) && !existing.contains(child.spec())) {
                childrenToAdd.add(new WritePlan.NewChild(child.spec(), child.declaredBy().toString()));
            }
        }
        List<UUID> childrenToRemove = everyDocumentIdentified
                ? before.children().stream()
                        .filter(child -> !declared.contains(child.spec()) && !keptWithErrors.contains(child.declaredBy()))
                        .map(LocationSnapshot.ChildLocationRow::id).toList()
                : List.of();

        // A conflict or a refusal may resolve by itself (the other location lets go, a limit is raised): process the
        // input again next time rather than skip it as unchanged.
        boolean retryInput = !unstorable.isEmpty() || locationErrors.stream().anyMatch(e -> e.name().equals("ConflictError"));
        WritePlan.Content content = new WritePlan.Content(retryInput ? null : read.contentHash(), read.httpEtag(), read.dependencies());
        return new WritePlan(inserts, replacements, errors, positions, deletes, childrenToAdd, childrenToRemove,
                new WritePlan.LocationState(WritePlan.Status.OK, locationErrors, content, null, true, nextRefresh));
    }

    /** The read or parse failed: everything the location produced stays served, with the error attached. */
    public static WritePlan planFailure(Target target, ProcessingError error, LocationSnapshot before, Instant nextRefresh) {
        Map<UUID, List<ProcessingError>> errors = new HashMap<>();
        before.owned().values().stream()
                .filter(e -> !target.registered() || !e.ref().equals(target.declaredBy()))
                .forEach(e -> errors.put(e.id(), List.of(error)));
        return new WritePlan(List.of(), List.of(), errors, Map.of(), List.of(), List.of(), List.of(),
                new WritePlan.LocationState(WritePlan.Status.FAILED, List.of(error), null, null, false, nextRefresh));
    }

    /** Same input as last time: only the read is recorded. */
    public static WritePlan planUnchanged(String httpEtag, Instant nextRefresh) {
        return WritePlan.locationOnly(new WritePlan.LocationState(WritePlan.Status.OK, null, null, httpEtag, true, nextRefresh));
    }

    /**
     * The entity a rejected document stood for: the one it names; or, when it no longer says reliably what it is,
     * the one that came from the same position in the file.
     */
    private static OwnedEntity entityItWas(RejectedDocument document, LocationSnapshot before, Set<String> keep) {
        OwnedEntity named = document.ref() == null ? null : before.owned().get(document.ref().toString());
        if (named != null) {
            return keep.contains(named.ref()) ? null : named;
        }
        if (document.identified()) {
            return null; // a new entity that is not valid yet
        }
        return before.ownedAt(document.documentIndex()).filter(e -> !keep.contains(e.ref())).orElse(null);
    }
}
