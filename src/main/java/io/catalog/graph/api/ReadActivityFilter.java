package io.catalog.graph.api;

import io.catalog.graph.app.ReadActivity;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tells {@link ReadActivity} about every call of a route declared {@link AccessLevel#READ}, the catalog and graph
 * reads people make, when it starts and when it is answered (a long read counts for as long as it runs). Machine
 * traffic on other levels (Argo CD's plugin calls, GitHub deliveries, writes) and the health and metrics endpoints
 * (not resource methods) do not count.
 */
public class ReadActivityFilter {

    private final ReadActivity reads;

    public ReadActivityFilter(ReadActivity reads) {
        this.reads = reads;
    }

    @ServerRequestFilter
    public void started(ResourceInfo resource) {
        mark(resource);
    }

    @ServerResponseFilter
    public void answered(ResourceInfo resource) {
        mark(resource);
    }

    private void mark(ResourceInfo resource) {
        if (resource.getResourceMethod() != null
                && AccessFilter.levelOf(resource.getResourceMethod(), resource.getResourceClass()) == AccessLevel.READ) {
            reads.read();
        }
    }
}
