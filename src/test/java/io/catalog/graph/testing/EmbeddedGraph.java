package io.catalog.graph.testing;

import io.catalog.graph.app.EmbeddedNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.io.IOException;
import java.nio.file.Files;

/** A real Neo4j in this JVM, in a fresh folder, and a driver to it: what a graph test class starts once and closes. */
public final class EmbeddedGraph implements AutoCloseable {

    private final EmbeddedNeo4j neo4j;
    private final Driver driver;

    private EmbeddedGraph(EmbeddedNeo4j neo4j) {
        this.neo4j = neo4j;
        this.driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
    }

    /** Starts one on any free port, its data in a new temporary folder named after {@code name}. */
    public static EmbeddedGraph start(String name) throws IOException {
        return new EmbeddedGraph(EmbeddedNeo4j.start(Files.createTempDirectory(name), 0, 32L << 20));
    }

    public Driver driver() {
        return driver;
    }

    /** Where a second driver (another replica, say) connects. */
    public String boltUri() {
        return neo4j.boltUri();
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
    }
}
