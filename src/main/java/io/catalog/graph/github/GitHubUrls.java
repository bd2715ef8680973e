package io.catalog.graph.github;

import io.catalog.graph.model.ScmUrls;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The web side of one GitHub host: blob URLs (what a discovered location reads, and what
 * {@code backstage.io/managed-by-location} names, as Backstage does), the organisation's page, and the way back
 * from a blob URL to repository, branch and path (the tree and edit links on entities: {@code model.ScmUrls}).
 *
 * <p>A blob URL does not say where a branch name with a slash ends ({@code blob/release/1.0/catalog-info.yaml}):
 * the provider's configured branch ({@code filters.branch}) is written as GitHub writes it and recognised when parsed
 * back; any other ref with a slash is written with its slash encoded ({@code %2F}), so it too parses back whole.
 *
 * @param webBase {@code https://github.com}, or {@code https://HOST} for GitHub Enterprise Server; no trailing slash
 * @param branch  the provider's configured branch; null when each repository's default branch is read
 */
public record GitHubUrls(String webBase, String branch) {

    /** A file in a repository, as named by its blob URL. */
    public record Blob(String owner, String repository, String ref, String path) {
        public String fullName() {
            return owner + "/" + repository;
        }
    }

    public GitHubUrls {
        webBase = webBase.replaceAll("/+$", "");
        branch = branch == null || branch.isBlank() ? null : branch;
    }

    /** A host's URLs, for no configured branch. */
    public GitHubUrls(String webBase) {
        this(webBase, null);
    }

    /** {@code https://api.github.com} → {@code https://github.com}; {@code https://HOST/api/v3} → {@code https://HOST}. */
    public static GitHubUrls forApi(String apiUrl) {
        return forApi(apiUrl, null);
    }

    public static GitHubUrls forApi(String apiUrl, String branch) {
        return new GitHubUrls(ScmUrls.gitHubWebBase(apiUrl), branch);
    }

    public String blob(String fullName, String ref, String path) {
        return webBase + "/" + fullName + "/blob/" + (ref.equals(branch) ? encodePath(ref) : encode(ref)) + "/" + encodePath(path);
    }

    /** The organisation's page: what stands for an organisation's teams and members as a location. */
    public String organization(String organization) {
        return webBase + "/" + organization;
    }

    /**
     * The repository, branch and path of a blob URL on this host; empty for anything else. The branch is the
     * configured one when the URL goes on with it, else the first segment after {@code blob/} (decoded: an encoded
     * slash stays in the branch).
     */
    public Optional<Blob> parseBlob(URI url) {
        String text = url.toString();
        if (!text.regionMatches(true, 0, webBase + "/", 0, webBase.length() + 1)) {
            return Optional.empty();
        }
        String[] parts = url.getRawPath().replaceFirst("^/+", "").split("/", 4);
        if (parts.length < 4 || !parts[2].equals("blob")) {
            return Optional.empty();
        }
        String[] rest = parts[3].split("/", -1);
        int refSegments = branch != null && startsWithBranch(rest) ? branch.split("/", -1).length : 1;
        String ref = decode(String.join("/", Arrays.copyOfRange(rest, 0, Math.min(refSegments, rest.length))));
        String path = String.join("/", Arrays.copyOfRange(rest, Math.min(refSegments, rest.length), rest.length));
        if (ref.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Blob(decode(parts[0]), decode(parts[1]), ref, decode(path)));
    }

    /** Whether the raw segments after {@code blob/} begin with the configured branch's segments, a path after them. */
    private boolean startsWithBranch(String[] rawSegments) {
        String[] names = branch.split("/", -1);
        if (rawSegments.length <= names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!decode(rawSegments[i]).equals(names[i])) {
                return false;
            }
        }
        return true;
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
