package io.catalog.graph.ingest;

import io.catalog.graph.model.LocationSpec;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A source that answers and then stops sending must not hold a refresh worker longer than the read timeout. */
class SlowSourceTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server = startStallingServer();

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aBodyThatStallsFailsAtTheTimeout() {
        LocationReader reader = new LocationReader(HttpClient.newHttpClient());
        ReadPolicy policy = new ReadPolicy(Set.of("127.0.0.1"), List.of(), 1024, Duration.ofMillis(500));
        LocationSpec location = new LocationSpec("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/catalog-info.yaml");

        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.read(location, policy, null))
                .isInstanceOf(LocationReadException.class)
                .hasMessageContaining("within the timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private HttpServer startStallingServer() {
        try {
            HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stalling.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, 1000);
                OutputStream body = exchange.getResponseBody();
                body.write("kind: Compo".getBytes());
                body.flush();
                try {
                    release.await(30, TimeUnit.SECONDS); // never sends the rest while the test runs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            stalling.setExecutor(Executors.newCachedThreadPool());
            stalling.start();
            return stalling;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
