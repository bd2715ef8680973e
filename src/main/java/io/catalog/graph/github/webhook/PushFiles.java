package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a push did to each file, net over its commits in order: a file added then removed is removed, modified then
 * removed is removed, removed then added is added, added then modified is added.
 */
public record PushFiles(Set<String> addedOrModified, Set<String> removed) {

    /** GitHub lists at most this many changed files in a comparison. */
    public static final int COMPARE_FILE_CAP = 300;

    private enum Change { ADDED, MODIFIED, REMOVED }

    /** One file of a compare answer: status {@code added}, {@code modified}, {@code removed}, {@code renamed}, … */
    public record ComparedFile(String status, String filename, String previousFilename) {
    }

    public PushFiles {
        addedOrModified = Set.copyOf(addedOrModified);
        removed = Set.copyOf(removed);
    }

    /** The net change of a push payload's {@code commits} (oldest first, as GitHub lists them). */
    public static PushFiles ofCommits(JsonNode commits) {
        Map<String, Change> net = new TreeMap<>();
        for (JsonNode commit : commits) {
            commit.path("added").forEach(p -> net.put(p.asText(), Change.ADDED));
            commit.path("modified").forEach(p -> net.merge(p.asText(), Change.MODIFIED, (was, now) -> was == Change.ADDED ? was : now));
            commit.path("removed").forEach(p -> net.put(p.asText(), Change.REMOVED));
        }
        return of(net);
    }

    /**
     * The change a comparison lists (a rename is the old path removed and the new one added); empty when GitHub cut
     * the list at its cap, so that some changed files are not named.
     */
    public static Optional<PushFiles> ofCompare(Collection<ComparedFile> files) {
        if (files.size() >= COMPARE_FILE_CAP) {
            return Optional.empty();
        }
        Map<String, Change> net = new TreeMap<>();
        for (ComparedFile file : files) {
            switch (file.status()) {
                case "added", "copied" -> net.put(file.filename(), Change.ADDED);
                case "removed" -> net.put(file.filename(), Change.REMOVED);
                case "renamed" -> {
                    if (file.previousFilename() != null) {
                        net.putIfAbsent(file.previousFilename(), Change.REMOVED);
                    }
                    net.put(file.filename(), Change.ADDED);
                }
                case "unchanged" -> { }
                default -> net.put(file.filename(), Change.MODIFIED); // modified, changed (mode or type)
            }
        }
        return Optional.of(of(net));
    }

    public boolean isEmpty() {
        return addedOrModified.isEmpty() && removed.isEmpty();
    }

    private static PushFiles of(Map<String, Change> net) {
        Set<String> changed = new TreeSet<>();
        Set<String> gone = new TreeSet<>();
        net.forEach((path, change) -> (change == Change.REMOVED ? gone : changed).add(path));
        return new PushFiles(changed, gone);
    }
}
