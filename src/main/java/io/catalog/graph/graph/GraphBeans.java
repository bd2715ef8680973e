package io.catalog.graph.graph;

import io.catalog.graph.app.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.neo4j.driver.Driver;

/** Makes the framework-free graph classes injectable. Creating them contacts nothing: the driver connects on first use. */
@ApplicationScoped
public class GraphBeans {

    @Produces
    @Singleton
    GraphWriter graphWriter(Driver driver, GraphAnswerCache answers) {
        return new GraphWriter(driver, answers);
    }

    @Produces
    @Singleton
    GraphAnswerCache graphAnswerCache(CatalogConfig config) {
        return new GraphAnswerCache(config.graph().answerCacheItems(), config.graph().versionRecheck());
    }
}
