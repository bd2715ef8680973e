package io.catalog.graph.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 and a free port, serving canned responses by path. Paths not set up answer 404.
 * A response with an ETag answers 304 to a request whose If-None-Match carries that ETag.
 */
public final class LocalHttpServer implements AutoCloseable {

    public record Request(String path, String ifNoneMatch) {
    }

    private record Response(int status, byte[] body, String etag, Duration delay) {
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private boolean closed;

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalHttpServer start() throws IOException {
        return new LocalHttpServer();
    }

    public LocalHttpServer serve(String path, String body) {
        return serve(path, 200, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public LocalHttpServer serve(String path, String body, String etag) {
        return serve(path, 200, body.getBytes(StandardCharsets.UTF_8), etag);
    }

    public LocalHttpServer serve(String path, int status, byte[] body, String etag) {
        responses.put(path, new Response(status, body, etag, Duration.ZERO));
        return this;
    }

    /** Serves {@code body} after {@code delay}: a slow source, as seen by the reader. */
    public LocalHttpServer serveSlowly(String path, String body, Duration delay) {
        responses.put(path, new Response(200, body.getBytes(StandardCharsets.UTF_8), null, delay));
        return this;
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(new Request(path, ifNoneMatch));
            Response response = responses.get(path);
            if (response == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (response.etag() != null) {
                exchange.getResponseHeaders().set("ETag", response.etag());
                if (response.etag().equals(ifNoneMatch)) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
            if (!response.delay().isZero()) {
                try {
                    Thread.sleep(response.delay().toMillis()); // the source's latency, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
