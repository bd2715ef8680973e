package io.catalog.graph.github;

import io.catalog.graph.model.ScmUrls;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The web side of one GitHub host: blob URLs (what a discovered location reads, and what
 * {@code backstage.io/managed-by-location} names, as Backstage does), the organisation's page, and the way back
 * from a blob URL to repository, branch and path (the tree and edit links on entities: {@code model.ScmUrls}).
 *
 * @param webBase {@code https://github.com}, or {@code https://HOST} for GitHub Enterprise Server; no trailing slash
 */
public record GitHubUrls(String webBase) {

    /** A file in a repository, as named by its blob URL. */
    public record Blob(String owner, String repository, String ref, String path) {
        public String fullName() {
            return owner + "/" + repository;
        }
    }

    public GitHubUrls {
        webBase = webBase.replaceAll("/+$", "");
    }

    /** {@code https://api.github.com} → {@code https://github.com}; {@code https://HOST/api/v3} → {@code https://HOST}. */
    public static GitHubUrls forApi(String apiUrl) {
        return new GitHubUrls(ScmUrls.gitHubWebBase(apiUrl));
    }

    public String blob(String fullName, String ref, String path) {
        return webBase + "/" + fullName + "/blob/" + encode(ref) + "/" + encodePath(path);
    }

    /** The organisation's page: what stands for an organisation's teams and members as a location. */
    public String organization(String organization) {
        return webBase + "/" + organization;
    }

    /**
     * The repository, branch and path of a blob URL on this host; empty for anything else. The branch is the first
     * segment after {@code blob/} (a branch with a slash in its name is read as its first part, as Backstage does).
     */
    public Optional<Blob> parseBlob(URI url) {
        String text = url.toString();
        if (!text.regionMatches(true, 0, webBase + "/", 0, webBase.length() + 1)) {
            return Optional.empty();
        }
        String[] parts = url.getRawPath().replaceFirst("^/+", "").split("/", 5);
        if (parts.length < 5 || !parts[2].equals("blob") || parts[3].isEmpty() || parts[4].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Blob(decode(parts[0]), decode(parts[1]), decode(parts[3]), decode(parts[4])));
    }

    /** Whether the URL is on this host at all. */
    public boolean owns(URI url) {
        String text = url.toString();
        return text.regionMatches(true, 0, webBase + "/", 0, webBase.length() + 1);
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : strip(path).split("/", -1)) {
            out.append(out.isEmpty() ? "" : "/").append(encode(segment));
        }
        return out.toString();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
