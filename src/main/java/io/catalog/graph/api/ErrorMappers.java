package io.catalog.graph.api;

import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.vertx.core.http.HttpServerRequest;

/** Every error leaves in Backstage's shape, with the status a Backstage client expects. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return respond(e.status(), e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, HttpServerRequest request) {
        return respond(400, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response rejectedLocation(LocationService.RejectedLocationException e, HttpServerRequest request) {
        return respond(400, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response conflict(LocationStore.AlreadyRegisteredException e, HttpServerRequest request) {
        return respond(409, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response storage(StorageException e, HttpServerRequest request) {
        if (e.unavailable()) {
            LOG.warn("database unavailable", e);
            return respond(503, "the catalog database is unavailable: " + e.getMessage(), request);
        }
        LOG.error("storage failure", e);
        return respond(500, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return respond(status, e.getMessage(), request);
    }

    private static Response respond(int status, String message, HttpServerRequest request) {
        return ApiError.response(status, ApiError.nameFor(status), message == null ? "" : message, request.method().name(), request.uri());
    }
}
