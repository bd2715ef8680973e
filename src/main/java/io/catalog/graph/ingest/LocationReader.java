package io.catalog.graph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the bytes behind a {@link LocationSpec}, enforcing the {@link ReadPolicy}. */
public class LocationReader {

    private final HttpClient http;

    public LocationReader(HttpClient http) {
        this.http = http;
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
        if (!policy.hostAllowed(url.getHost())) {
            throw new LocationReadException("host " + url.getHost() + " is not in catalog.reading.allowed-hosts");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(policy.timeout()).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
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
                byte[] content = body.readNBytes(policy.maxBytes() + 1);
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

    private static LocationReadException tooLarge(String what, ReadPolicy policy) {
        return new LocationReadException(what + " is larger than the limit of " + policy.maxBytes() + " bytes (catalog.limits.max-bytes)");
    }
}
