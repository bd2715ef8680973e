package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens on the catalog API: writes (register/remove locations, refresh, delete entities) need one unless
 * configuration opens them for local use; reads need one only when configured. Tokens compare in constant time.
 */
@ApplicationScoped
public class TokenCheck {

    private final List<byte[]> tokens;
    private final boolean openWrites;
    private final boolean protectReads;

    public TokenCheck(CatalogConfig config) {
        this.tokens = config.auth().tokens().orElse(List.of()).stream()
                .filter(t -> !t.isBlank()).map(t -> t.trim().getBytes(StandardCharsets.UTF_8)).toList();
        this.openWrites = config.auth().openWrites();
        this.protectReads = config.auth().protectReads();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith("/api/catalog/") && !path.startsWith("/api/admin/")) {
            return Optional.empty();
        }
        boolean write = isWrite(request.method().name(), path);
        if (write ? openWrites : !protectReads) {
            return Optional.empty();
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(ApiError.response(401, "AuthenticationError",
                    "this route needs an Authorization: Bearer token (catalog.auth.tokens)", request.method().name(), request.uri()));
        }
        if (!accepted(header.substring(7).trim())) {
            return Optional.of(ApiError.response(403, "NotAllowedError", "the token is not accepted", request.method().name(), request.uri()));
        }
        return Optional.empty();
    }

    boolean accepted(String token) {
        byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] known : tokens) {
            match |= MessageDigest.isEqual(known, candidate); // no early exit: timing says nothing about which token
        }
        return match;
    }

    /** Routes that change the catalog (PUT /locations/{id} too). POSTs that only read (by-refs, by-query, facets, validation, analysis) are reads. */
    static boolean isWrite(String method, String path) {
        return switch (method) {
            case "DELETE", "PUT" -> true;
            case "POST" -> path.equals("/api/catalog/locations") || path.equals("/api/catalog/refresh");
            default -> false;
        };
    }
}
