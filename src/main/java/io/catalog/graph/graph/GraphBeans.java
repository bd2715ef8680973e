package io.catalog.graph.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.neo4j.driver.Driver;

/** Makes the framework-free graph classes injectable. Creating them contacts nothing: the driver connects on first use. */
@ApplicationScoped
public class GraphBeans {

    @Produces
    @Singleton
    GraphWriter graphWriter(Driver driver) {
        return new GraphWriter(driver);
    }
}
