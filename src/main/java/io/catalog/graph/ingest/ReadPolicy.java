package io.catalog.graph.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What the catalog may read: URL hosts on the allow-list, files under the permitted folders, up to a size. */
public record ReadPolicy(Set<String> allowedHosts, List<Path> fileRoots, int maxBytes, Duration timeout) {

    public ReadPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public boolean hostAllowed(String host) {
        return host != null && (allowedHosts.contains("*") || allowedHosts.contains(host.toLowerCase(Locale.ROOT)));
    }

    public boolean fileAllowed(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        if (fileRoots.stream().noneMatch(normalized::startsWith)) {
            return false;
        }
        // a symbolic link under a root may point anywhere: what it leads to must be under a root too
        Path real;
        try {
            real = normalized.toRealPath();
        } catch (IOException e) {
            return true; // nothing there: reading it will say so
        }
        return fileRoots.stream().map(ReadPolicy::realPath).anyMatch(real::startsWith);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
