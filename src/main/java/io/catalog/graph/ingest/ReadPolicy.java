package io.catalog.graph.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What the catalog may read: URLs the host allow-list admits (see {@link HostAllowList}), files under the permitted
 * folders, up to a size. Every read and every registration asks this one class.
 */
public final class ReadPolicy {

    /** The default of {@code catalog.reading.allowed-hosts}: any host whose every address is public. */
    public static final String ANY_PUBLIC_HOST = HostAllowList.ANY_PUBLIC;

    private final HostAllowList hosts;
    private final List<Path> fileRoots;
    private final int maxBytes;
    private final Duration timeout;

    /** @throws IllegalArgumentException for a malformed allow-list entry, so a bad configuration stops start-up */
    public ReadPolicy(Collection<String> allowedHosts, List<Path> fileRoots, int maxBytes, Duration timeout) {
        this.hosts = new HostAllowList(allowedHosts);
        this.fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Refuses a URL the catalog must not read: not http(s), or a host that is neither listed nor (under {@code *})
     * resolving to public addresses only. Called right before each read, so a host is checked as it resolves now.
     */
    public void checkUrl(URI url) throws LocationReadException {
        var refusal = hosts.refusal(url);
        if (refusal.isPresent()) {
            throw new LocationReadException(refusal.get());
        }
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
