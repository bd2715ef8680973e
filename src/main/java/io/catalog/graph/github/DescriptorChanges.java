package io.catalog.graph.github;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one repository's locations become once its descriptors were looked for: a descriptor still there is read
 * again, one now on another branch keeps its location (re-targeted: its entities stay served meanwhile), a new one
 * gets a location, and one no longer found loses its location, but only when the search saw the whole repository.
 * Pure.
 *
 * @param refresh  locations whose target is unchanged
 * @param retarget locations to point at the blob URL given (same path, other branch)
 * @param add      blob URLs of new descriptors
 * @param remove   locations whose descriptor is gone
 */
public record DescriptorChanges(List<UUID> refresh, Map<UUID, String> retarget, List<String> add, List<UUID> remove) {

    /** A location the provider has in the repository. */
    public record Existing(UUID id, GitHubUrls.Blob blob) {
    }

    /**
     * @param complete whether {@code found} is every descriptor of the branch (false: a tree too large to walk in full)
     */
    public static DescriptorChanges between(GitHubUrls urls, String fullName, String branch, Collection<String> found,
                                            Collection<Existing> existing, boolean complete) {
        Set<String> wanted = new LinkedHashSet<>();
        found.forEach(path -> wanted.add(strip(path)));
        List<UUID> refresh = new ArrayList<>();
        Map<UUID, String> retarget = new LinkedHashMap<>();
        List<UUID> remove = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Existing location : existing) {
            String path = strip(location.blob().path());
            boolean sameRepository = location.blob().fullName().equals(fullName);
            if (wanted.contains(path) && covered.add(path)) {
                if (location.blob().ref().equals(branch) && sameRepository) {
                    refresh.add(location.id());
                } else {
                    retarget.put(location.id(), urls.blob(fullName, branch, path));
                }
            } else if (complete) {
                remove.add(location.id());
            }
        }
        List<String> add = wanted.stream().filter(path -> !covered.contains(path)).map(path -> urls.blob(fullName, branch, path)).toList();
        return new DescriptorChanges(refresh, retarget, add, remove);
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
