package io.catalog.graph.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The local mode's in-process PostgreSQL and Neo4j. Their implementation lives in {@code src/local} and is built in
 * by default; an image built with {@code -Dimage} leaves it and the server jars (Neo4j's are GPLv3) out, and then
 * a start without a configured datasource or Neo4j fails with a message saying what to set.
 */
public interface EmbeddedServers {

    /** A running server: where to reach it, and how to stop it. */
    interface Server extends AutoCloseable {
        String url();

        @Override
        void close();
    }

    /**
     * A real PostgreSQL with its data in {@code dataDir} (kept across restarts) and {@code sharedBuffersBytes} of
     * buffer cache; the url is a JDBC URL.
     */
    Server postgres(Path dataDir, int port, long sharedBuffersBytes) throws IOException;

    /** A real Neo4j with its data in {@code home} (kept across restarts), Bolt on loopback; the url is a Bolt URI. */
    Server neo4j(Path home, int port, long pageCacheBytes) throws IOException;

    /** The implementation built into this jar, if any. */
    static Optional<EmbeddedServers> available() {
        return ServiceLoader.load(EmbeddedServers.class, EmbeddedServers.class.getClassLoader()).findFirst();
    }
}
