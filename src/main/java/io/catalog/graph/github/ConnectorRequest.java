package io.catalog.graph.github;

import org.kohsuke.github.connector.GitHubConnectorRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request for a {@link org.kohsuke.github.connector.GitHubConnector} built by the catalog itself: the client's
 * request with a header added ({@link ConditionalRequests}), or a GraphQL query ({@link GitHubGraphQl}).
 */
record ConnectorRequest(String method, URL url, Map<String, List<String>> allHeaders, byte[] bodyBytes) implements GitHubConnectorRequest {

    ConnectorRequest {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        allHeaders.forEach((name, values) -> {
            if (name != null) {
                headers.put(name, List.copyOf(values));
            }
        });
        allHeaders = headers;
    }

    /** {@code request} with {@code name} set to {@code value}; its body, if any, is read once here. */
    static ConnectorRequest withHeader(GitHubConnectorRequest request, String name, String value) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.allHeaders().forEach((key, values) -> {
            if (key != null) {
                headers.put(key, values);
            }
        });
        headers.put(name, List.of(value));
        byte[] body = null;
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ConnectorRequest(request.method(), request.url(), headers, body);
    }

    @Override
    public String header(String name) {
        List<String> values = allHeaders.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public InputStream body() {
        return bodyBytes == null ? null : new ByteArrayInputStream(bodyBytes);
    }

    @Override
    public boolean hasBody() {
        return bodyBytes != null;
    }
}
