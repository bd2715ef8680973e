package io.catalog.graph.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link EmbeddedServers} with zonky's embedded PostgreSQL and Neo4j's own embedded server. */
public final class LocalServers implements EmbeddedServers {

    @Override
    public Server postgres(Path dataDir, int port, long sharedBuffersBytes) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPort(port).setServerConfig("shared_buffers", (sharedBuffersBytes >> 20) + "MB").start();
        return server(postgres.getJdbcUrl("postgres", "postgres"), () -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public Server neo4j(Path home, int port, long pageCacheBytes) throws IOException {
        Files.createDirectories(home);
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, pageCacheBytes);
        return server(neo4j.boltUri(), neo4j::close);
    }

    private static Server server(String url, Runnable stop) {
        return new Server() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
