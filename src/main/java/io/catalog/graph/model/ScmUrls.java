package io.catalog.graph.model;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links Backstage's {@code AnnotateLocationEntityProcessor} puts on an entity read from a GitHub blob URL: the
 * folder as a {@code /tree/} URL ({@code backstage.io/source-location}), the blob URL itself
 * ({@code backstage.io/view-url}) and its {@code /edit/} form ({@code backstage.io/edit-url}). Only for the GitHub
 * hosts given (github.com and each configured Enterprise host): elsewhere a {@code /blob/} segment means nothing.
 *
 * @param gitHubWebBases web roots such as {@code https://github.com}, without trailing slash
 */
public record ScmUrls(Set<String> gitHubWebBases) {

    public static final String GITHUB_COM = "https://github.com";

    /** {@code owner/repository/} then the URL type, as Backstage's {@code replaceGithubUrlType} reads it. */
    private static final Pattern TYPED = Pattern.compile("^(/[^/]+/[^/]+/)(blob|tree|edit)/(.+)$");

    /** The links of one descriptor. */
    public record Links(String sourceLocation, String viewUrl, String editUrl) {
    }

    public ScmUrls {
        Set<String> bases = new LinkedHashSet<>();
        gitHubWebBases.forEach(b -> bases.add(b.replaceAll("/+$", "").toLowerCase(Locale.ROOT)));
        gitHubWebBases = Set.copyOf(bases);
    }

    /** github.com plus the web host of each GitHub API root given (the configured providers'). */
    public static ScmUrls gitHub(Collection<String> apiUrls) {
        Set<String> bases = new LinkedHashSet<>();
        bases.add(GITHUB_COM);
        apiUrls.forEach(api -> bases.add(gitHubWebBase(api)));
        return new ScmUrls(bases);
    }

    /** {@code https://api.github.com} → {@code https://github.com}; {@code https://HOST/api/v3} → {@code https://HOST}. */
    public static String gitHubWebBase(String apiUrl) {
        URI api = URI.create(apiUrl.trim().replaceAll("/+$", ""));
        String host = api.getHost() == null ? "" : api.getHost().toLowerCase(Locale.ROOT);
        return api.getScheme() + "://" + (host.equals("api.github.com") ? "github.com" : api.getRawAuthority());
    }

    /** The links for a {@code url} location's target; empty unless it is a blob URL on one of the GitHub hosts. */
    public Optional<Links> linksOf(String target) {
        URI url;
        try {
            url = URI.create(target);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (url.getScheme() == null || url.getRawAuthority() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.empty();
        }
        String base = (url.getScheme() + "://" + url.getRawAuthority()).toLowerCase(Locale.ROOT);
        if (!gitHubWebBases.contains(base)) {
            return Optional.empty();
        }
        Matcher typed = TYPED.matcher(url.getRawPath() == null ? "" : url.getRawPath());
        if (!typed.matches() || !typed.group(2).equals("blob")) {
            return Optional.empty();
        }
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        String rest = typed.group(3);
        String folder = rest.contains("/") ? rest.substring(0, rest.lastIndexOf('/') + 1) : rest + "/";
        return Optional.of(new Links("url:" + origin + typed.group(1) + "tree/" + folder, target,
                origin + typed.group(1) + "edit/" + rest));
    }
}
