package io.catalog.graph.graph;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;

import java.time.Duration;

/**
 * Brings the graph schema up to date after start-up, in the background: the catalog must start and serve while
 * Neo4j is unreachable, so a failed attempt is retried until Neo4j answers.
 */
@ApplicationScoped
public class GraphSchemaStartup {

    private static final Logger LOG = Logger.getLogger(GraphSchemaStartup.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Driver driver;
    private volatile boolean current;
    private volatile Thread thread;

    public GraphSchemaStartup(Driver driver) {
        this.driver = driver;
    }

    /** Whether every packaged schema file has been applied (by this instance or an earlier one). */
    public boolean current() {
        return current;
    }

    void start(@Observes StartupEvent started) {
        thread = new Thread(this::migrateUntilDone, "catalog-graph-schema");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void migrateUntilDone() {
        GraphSchemaMigrator migrator = new GraphSchemaMigrator(driver);
        boolean warned = false;
        while (!current && !Thread.currentThread().isInterrupted()) {
            try {
                GraphSchemaMigrator.Outcome outcome = migrator.migrate(GraphSchemaMigrator.packaged());
                if (!outcome.applied().isEmpty()) {
                    LOG.infof("graph schema: applied %s", outcome.applied());
                }
                current = true;
            } catch (RuntimeException e) {
                if (!warned) {
                    LOG.warnf("graph schema not applied yet, Neo4j does not answer (%s); retrying every %ds",
                            e.getMessage(), RETRY.toSeconds());
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY.toMillis()); // a retry pace, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
