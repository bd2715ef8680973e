package io.catalog.graph.ingest;

import io.catalog.graph.model.LocationSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the bytes behind a {@link LocationSpec}, enforcing the {@link ReadPolicy}. */
public class LocationReader {

    /** Blocking body reads run here so they can be abandoned at the deadline. */
    private static final ExecutorService READS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "catalog-url-read");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient http;
    private final List<SourceReader> sources;

    public LocationReader(HttpClient http) {
        this(http, List.of());
    }

    /** {@code sources} read the URLs they claim (a provider's files); every other URL is fetched over HTTP. */
    public LocationReader(HttpClient http, List<SourceReader> sources) {
        this.http = http;
        this.sources = List.copyOf(sources);
    }

    public ReadResult read(LocationSpec location, ReadPolicy policy, String ifNoneMatch) throws LocationReadException {
        return switch (location.type()) {
            case LocationSpec.FILE -> readFile(Path.of(location.target()), policy);
            case LocationSpec.URL -> readUrl(URI.create(location.target()), policy, ifNoneMatch);
            default -> throw new LocationReadException("unsupported location type " + location.type());
        };
    }

    private ReadResult readFile(Path file, ReadPolicy policy) throws LocationReadException {
        if (!policy.fileAllowed(file)) {
            throw new LocationReadException("file " + file + " is outside the folders the catalog may read");
        }
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new LocationReadException(file + " is not a regular file");
            }
            long size = Files.size(file);
            if (size > policy.maxBytes()) {
                throw tooLarge(file.toString(), policy);
            }
            return new ReadResult(Files.readAllBytes(file), null, false);
        } catch (NoSuchFileException e) {
            throw new LocationReadException("file " + file + " does not exist");
        } catch (IOException e) {
            throw new LocationReadException("cannot read file " + file + ": " + e.getMessage(), e);
        }
    }

    private ReadResult readUrl(URI url, ReadPolicy policy, String ifNoneMatch) throws LocationReadException {
        for (SourceReader source : sources) {
            if (source.reads(url)) {
                return source.read(url, policy, ifNoneMatch);
            }
        }
        policy.checkUrl(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(policy.timeout()).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            long deadline = System.nanoTime() + policy.timeout().toNanos();
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                String etag = response.headers().firstValue("ETag").orElse(null);
                if (status == 304) {
                    return ReadResult.notModified(ifNoneMatch);
                }
                if (status == 404) {
                    throw new LocationReadException("url " + url + " was not found (HTTP 404)");
                }
                if (status / 100 != 2) {
                    throw new LocationReadException("url " + url + " answered HTTP " + status);
                }
                byte[] content = readWithin(body, policy.maxBytes() + 1, deadline, url);
                if (content.length > policy.maxBytes()) {
                    throw tooLarge(url.toString(), policy);
                }
                return new ReadResult(content, etag, false);
            }
        } catch (IOException e) {
            throw new LocationReadException("cannot read url " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocationReadException("interrupted while reading " + url, e);
        }
    }

    /**
     * Reads at most {@code limit} bytes, giving up at {@code deadline}: a server that sends headers and then
     * dribbles the body must not stall the refresh loop.
     */
    private static byte[] readWithin(InputStream body, int limit, long deadline, URI url) throws IOException, LocationReadException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        Future<Integer> pending = null;
        try {
            while (out.size() < limit) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new LocationReadException("url " + url + " did not send its content within the timeout");
                }
                int want = Math.min(buffer.length, limit - out.size());
                pending = READS.submit(() -> body.read(buffer, 0, want));
                int read = pending.get(remaining, TimeUnit.NANOSECONDS);
                pending = null;
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (TimeoutException e) {
            throw new LocationReadException("url " + url + " did not send its content within the timeout");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocationReadException("interrupted while reading " + url, e);
        } finally {
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }

    private static LocationReadException tooLarge(String what, ReadPolicy policy) {
        return new LocationReadException(what + " is larger than the limit of " + policy.maxBytes() + " bytes (catalog.limits.max-bytes)");
    }
}
