package io.catalog.graph.processing;

import io.catalog.graph.ingest.LocationReadException;
import io.catalog.graph.ingest.LocationReader;
import io.catalog.graph.ingest.PlaceholderResolver;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.model.LocationSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placeholder reads of one location. Each target is read once, later uses are served from that read; all reads
 * together stay within the bytes and the time a location may spend on placeholders, so a file of many documents
 * cannot turn one refresh into an unbounded crawl. A read refused for a limit fails its document only.
 */
public final class PlaceholderReads implements PlaceholderResolver.Fetcher {

    /** What one location's placeholders may read in total: bytes (each target once) and time. */
    public record Limits(long maxBytes, Duration timeout) {
    }

    private final LocationReader reader;
    private final ReadPolicy policy;
    private final Limits limits;
    private final Map<LocationSpec, byte[]> contents = new LinkedHashMap<>();
    private final Set<LocationSpec> unreadable = new LinkedHashSet<>();
    private long bytes;
    private long nanos;
    private boolean cutShort;

    public PlaceholderReads(LocationReader reader, ReadPolicy policy, Limits limits) {
        this.reader = reader;
        this.policy = policy;
        this.limits = limits;
    }

    @Override
    public byte[] fetch(LocationSpec target) throws LocationReadException {
        byte[] cached = contents.get(target);
        if (cached != null) {
            return cached;
        }
        // checked before each read; a read itself is bounded by the read timeout of the policy
        if (nanos >= limits.timeout().toNanos()) {
            throw refused("the placeholders of this location have already spent " + limits.timeout().toMillis()
                    + " ms reading (catalog.limits.placeholder-timeout)");
        }
        if (bytes >= limits.maxBytes()) {
            throw refused("the placeholders of this location have already read " + bytes + " bytes, the most allowed is "
                    + limits.maxBytes() + " bytes (catalog.limits.max-placeholder-bytes)");
        }
        long started = System.nanoTime();
        byte[] content;
        try {
            content = reader.read(target, policy, null).content();
        } catch (LocationReadException e) {
            // remembered, so that the location is processed again once the target can be read
            unreadable.add(target);
            throw e;
        } finally {
            nanos += System.nanoTime() - started;
        }
        bytes += content.length;
        if (bytes > limits.maxBytes()) {
            throw refused("reading " + target + " takes the placeholders of this location past " + limits.maxBytes()
                    + " bytes (catalog.limits.max-placeholder-bytes)");
        }
        contents.put(target, content);
        return content;
    }

    private LocationReadException refused(String message) {
        cutShort = true;
        return new LocationReadException(message);
    }

    /** Every target read, with its content, in the order first read. */
    Map<LocationSpec, byte[]> contents() {
        return Collections.unmodifiableMap(contents);
    }

    /** The targets read and those that could not be: a change in any of them is a reason to process again. */
    List<LocationSpec> dependencies() {
        List<LocationSpec> all = new ArrayList<>(contents.keySet());
        unreadable.stream().filter(target -> !contents.containsKey(target)).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * Whether a read was refused for a limit. What the reads produced is then partial in a way the content hash
     * cannot see (a slow source, a raised limit), so the location is processed again next time rather than skipped.
     */
    boolean cutShort() {
        return cutShort;
    }
}
