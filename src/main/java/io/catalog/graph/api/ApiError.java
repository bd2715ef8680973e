package io.catalog.graph.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Backstage's error body: {@code {error: {name, message}, request: {method, url}, response: {statusCode}}}. */
public final class ApiError {

    private ApiError() {
    }

    public static Response response(int status, String name, String message, String method, String url) {
        Map<String, Object> body = Map.of(
                "error", Map.of("name", name, "message", message),
                "request", Map.of("method", method, "url", url),
                "response", Map.of("statusCode", status));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** Backstage's error name for a status code. */
    public static String nameFor(int status) {
        return switch (status) {
            case 400 -> "InputError";
            case 401 -> "AuthenticationError";
            case 403 -> "NotAllowedError";
            case 404 -> "NotFoundError";
            case 409 -> "ConflictError";
            case 503 -> "ServiceUnavailableError";
            default -> status >= 500 ? "Error" : "InputError";
        };
    }

    /** A 400 carrying a list of validation errors, as {@code POST /validate-entity} answers. */
    public static Response validationErrors(List<Map<String, Object>> errors) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("errors", errors)).build();
    }
}
