package io.catalog.graph.github;

import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes every GET a conditional request: the ETag of the last answer for the URL goes out as {@code If-None-Match},
 * and a {@code 304 Not Modified} (which costs no rate limit) is answered from the stored body, so the client above
 * sees a normal 200. Also counts requests and reads the rate-limit headers of every response.
 */
final class ConditionalRequests implements GitHubConnector {

    /**
     * Stored answers, by URL (query included: each page of a list is its own entry); an installation's own lists by
     * URL and account ({@link #scopedTo}).
     */
    interface Cache {
        Optional<Entry> get(String url);

        void put(String url, Entry entry);
    }

    /** An answer worth replaying: its ETag, its body as sent, and its headers (for the {@code Link} of pages). */
    record Entry(String etag, byte[] body, Map<String, List<String>> headers) {
    }

    /** Sees every body the client receives (fresh or replayed), for what the client's model classes do not keep. */
    interface BodyObserver {
        void observe(URL url, byte[] body);
    }

    /** Bodies larger than this are not kept (a huge tree is read again rather than stored). */
    private static final int MAX_CACHED_BYTES = 8 * 1024 * 1024;

    private final GitHubConnector transport;
    private final Cache cache;
    private final RequestStats stats;
    private final BodyObserver observer;

    ConditionalRequests(GitHubConnector transport, Cache cache, RequestStats stats, BodyObserver observer) {
        this.transport = transport;
        this.cache = cache;
        this.stats = stats;
        this.observer = observer;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        return send(request, "");
    }

    /**
     * This connector for a client acting as one account's App installation. GitHub answers {@code /installation/...}
     * (the installation's own repositories) by whose token asks, at one URL for every installation: each account's
     * answer is stored apart, so that each installation's unchanged listing is a 304 rather than the other's 200.
     */
    GitHubConnector scopedTo(String account) {
        return account.isEmpty() ? this : request -> send(request, account);
    }

    private GitHubConnectorResponse send(GitHubConnectorRequest request, String account) throws IOException {
        boolean get = request.method().equalsIgnoreCase("GET");
        String key = cacheKey(request.url(), account);
        Optional<Entry> stored = get && request.header("If-None-Match") == null ? cache.get(key) : Optional.empty();
        GitHubConnectorRequest sent = stored.<GitHubConnectorRequest>map(e -> ConnectorRequest.withHeader(request, "If-None-Match", e.etag()))
                .orElse(request);
        GitHubConnectorResponse response = transport.send(sent);
        if (!get && request.url().getPath().endsWith("/graphql")) {
            stats.observeGraphQl(response::header);
            return response;
        }
        stats.observe(response.statusCode(), response::header, saysSecondaryLimit(response));
        if (stored.isPresent() && response.statusCode() == 304) {
            stats.notModified();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(stored.get().headers());
            response.allHeaders().forEach((name, values) -> {
                if (name != null) {
                    headers.put(name, values);
                }
            });
            response.close();
            observer.observe(request.url(), stored.get().body());
            return new HttpTransport.Response(request, 200, headers, stored.get().body());
        }
        if (!get || response.statusCode() != 200) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.bodyStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.allHeaders().forEach((name, values) -> {
            // the body is stored decoded: an encoding header would have it decoded twice
            if (name != null && !name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                headers.put(name, values);
            }
        });
        String etag = response.header("ETag");
        if (etag != null && body.length <= MAX_CACHED_BYTES) {
            cache.put(key, new Entry(etag, body, headers));
        }
        observer.observe(request.url(), body);
        return new HttpTransport.Response(request, 200, headers, body);
    }

    /**
     * Whether a refusal is a secondary limit that only its message names (no {@code retry-after}): the one case whose
     * body is looked at, so that every caller (scan, file reads, webhooks) waits the minute GitHub asks for.
     */
    private static boolean saysSecondaryLimit(GitHubConnectorResponse response) {
        return (response.statusCode() == 403 || response.statusCode() == 429) && response.header("retry-after") == null
                && response instanceof HttpTransport.Response buffered && RequestStats.saysSecondaryLimit(buffered.body());
    }

    /** The URL; for an installation's own lists, the URL and the account whose installation asked. */
    private static String cacheKey(URL url, String account) {
        return account.isEmpty() || !url.getPath().contains("/installation/") ? url.toString()
                : url + " as " + account.toLowerCase(Locale.ROOT);
    }
}
