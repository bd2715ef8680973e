package io.catalog.graph.github;

import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the {@code github-api} client reaches GitHub: the JDK's HTTP client, with one deadline for the whole exchange
 * (a GitHub that sends headers and then stalls must not hold a scan or a refresh worker forever).
 */
final class HttpTransport implements GitHubConnector {

    /** Set by the JDK client itself; it refuses them from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http;
    private final Duration timeout;

    HttpTransport(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IOException("not a valid GitHub URL: " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getKey() != null && !RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody();
        builder.method(request.method(), body);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(request, response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw notAnswered(request);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling GitHub");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) { // the client's own deadline, the same as ours: whichever came first
                throw notAnswered(request);
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private IOException notAnswered(GitHubConnectorRequest request) {
        return new IOException("GitHub did not answer " + request.method() + " " + request.url() + " within " + timeout);
    }

    /** A response whose body is already in memory. */
    static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }

        byte[] body() {
            return body;
        }
    }
}
