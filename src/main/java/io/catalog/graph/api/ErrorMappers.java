package io.catalog.graph.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.catalog.graph.graph.GraphQueries;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
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

    /** A body that is not JSON, or not of the shape a route binds (a string where a list belongs). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, HttpServerRequest request) {
        return respond(400, "The request body cannot be read: " + e.getOriginalMessage(), request);
    }

    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e, HttpServerRequest request) {
        return unreadableBody(e, request);
    }

    @ServerExceptionMapper
    public Response storage(StorageException e, HttpServerRequest request) {
        if (e.timedOut()) {
            LOG.warn("read stopped by its timeout: " + request.method() + " " + request.uri());
            return respond(503, "The query ran longer than the read timeout (catalog.limits.read-timeout) and was stopped;"
                    + " narrow it or try again", request);
        }
        if (e.unavailable()) {
            LOG.warn("database unavailable", e);
            return respond(503, "the catalog database is unavailable: " + e.getMessage(), request);
        }
        LOG.error("storage failure", e);
        return respond(500, e.getMessage(), request);
    }

    /** Neo4j unreachable (or lost mid-query): the graph routes answer 503 while the catalog goes on. */
    @ServerExceptionMapper
    public Response graphUnavailable(ServiceUnavailableException e, HttpServerRequest request) {
        return graphUnavailable(e, request.method().name(), request.uri());
    }

    @ServerExceptionMapper
    public Response graphSessionExpired(SessionExpiredException e, HttpServerRequest request) {
        return graphUnavailable(e, request.method().name(), request.uri());
    }

    @ServerExceptionMapper
    public Response graphTimedOut(GraphQueries.TimedOutException e, HttpServerRequest request) {
        LOG.warn("graph query stopped by its timeout: " + request.method() + " " + request.uri());
        return respond(503, e.getMessage(), request.method().name(), request.uri());
    }

    static Response graphUnavailable(RuntimeException e, String method, String url) {
        LOG.warn("graph database unavailable: " + e.getMessage());
        return respond(503, "the graph database is unavailable: " + e.getMessage(), method, url);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return respond(status, e.getMessage(), request);
    }

    /** Messages may quote what was sent; a huge input must not come back as a huge error. */
    private static final int MAX_MESSAGE = 500;

    private static Response respond(int status, String message, HttpServerRequest request) {
        return respond(status, message, request.method().name(), request.uri());
    }

    private static Response respond(int status, String message, String method, String url) {
        String text = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        return ApiError.response(status, ApiError.nameFor(status), text, method, url);
    }
}
