package io.catalog.graph.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** Where a descriptor is read from: {@code file} (a path on this server) or {@code url} (http/https). */
public record LocationSpec(String type, String target) {

    public static final String FILE = "file";
    public static final String URL = "url";

    public LocationSpec {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("location type is required");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("location target is required");
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        target = target.trim();
        if (!type.equals(FILE) && !type.equals(URL)) {
            throw new IllegalArgumentException("unsupported location type '" + type + "', expected 'file' or 'url'");
        }
        if (type.equals(FILE)) {
            target = Path.of(target).toAbsolutePath().normalize().toString();
        } else {
            target = checkedUrl(target).toString();
        }
    }

    /** Parses {@code type:target}, e.g. {@code url:https://example.com/catalog-info.yaml}. */
    public static LocationSpec parse(String typeAndTarget) {
        int colon = typeAndTarget.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected type:target, got '" + typeAndTarget + "'");
        }
        return new LocationSpec(typeAndTarget.substring(0, colon), typeAndTarget.substring(colon + 1));
    }

    /** Resolves a target written inside this location's descriptor (relative paths are relative to it). */
    public LocationSpec resolve(String type, String relativeTarget) {
        String resolvedType = type == null || type.isBlank() ? this.type : type;
        if (!resolvedType.equalsIgnoreCase(this.type)) {
            return new LocationSpec(resolvedType, relativeTarget);
        }
        if (this.type.equals(FILE)) {
            return new LocationSpec(FILE, Path.of(target).getParent().resolve(relativeTarget).toString());
        }
        return new LocationSpec(URL, URI.create(target).resolve(relativeTarget.trim()).toString());
    }

    /** The folder (or URL prefix) the descriptor lives in, ending with a slash. */
    public String directory() {
        if (type.equals(FILE)) {
            return Path.of(target).getParent().toString() + "/";
        }
        return URI.create(target).resolve(".").toString();
    }

    @Override
    public String toString() {
        return type + ":" + target;
    }

    private static URI checkedUrl(String target) {
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("url location target must be an absolute http(s) URL, got '" + target + "'");
            }
            return uri.normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url location target is not a valid URL: " + e.getMessage());
        }
    }
}
