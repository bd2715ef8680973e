package io.catalog.graph.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a request's {@code Authorization} header grants an {@link AccessLevel}. Pure: the tokens and
 * switches come in through the constructor, so every combination is unit-tested without a server.
 */
public final class AccessPolicy {

    /** What the request lacks, if anything; {@code reason} is said to the caller. */
    public sealed interface Decision permits Allowed, Unauthenticated, Refused {
    }

    public record Allowed() implements Decision {
    }

    /** No bearer token where one is needed: 401. */
    public record Unauthenticated(String reason) implements Decision {
    }

    /** A token that does not grant this level: 403. */
    public record Refused(String reason) implements Decision {
    }

    private static final String BEARER = "Bearer ";

    private final List<byte[]> catalogTokens;
    private final byte[] argocdToken;
    private final boolean openWrites;
    private final boolean protectReads;

    /**
     * @throws IllegalArgumentException when a configured token is blank: a secret that failed to arrive must stop
     *                                  the start, not leave the catalog open or closed by accident
     */
    public AccessPolicy(List<String> catalogTokens, Optional<String> argocdToken, boolean openWrites, boolean protectReads) {
        this.catalogTokens = catalogTokens.stream().map(t -> bytes(t, "catalog.auth.tokens")).toList();
        this.argocdToken = argocdToken.map(t -> bytes(t, "catalog.argocd.token")).orElse(null);
        this.openWrites = openWrites;
        this.protectReads = protectReads;
    }

    public Decision decide(AccessLevel level, String authorization) {
        if (level == AccessLevel.GITHUB_SIGNATURE) {
            return new Allowed(); // the signature over the body is the credential; the resource checks it
        }
        if (level == AccessLevel.READ && !protectReads || level == AccessLevel.WRITE && openWrites) {
            return new Allowed();
        }
        Optional<byte[]> token = bearer(authorization);
        if (token.isEmpty()) {
            return new Unauthenticated("this route needs an Authorization: Bearer token ("
                    + (level == AccessLevel.ARGOCD ? "catalog.argocd.token" : "catalog.auth.tokens") + ")");
        }
        if (level == AccessLevel.ARGOCD) {
            if (argocdToken == null) {
                return new Refused("no token is configured for the plugin generator (catalog.argocd.token)");
            }
            return MessageDigest.isEqual(argocdToken, token.get()) ? new Allowed() : new Refused("the token is not accepted");
        }
        return anyMatches(catalogTokens, token.get()) ? new Allowed() : new Refused("the token is not accepted");
    }

    /** The token of an {@code Authorization: Bearer …} header (scheme case-insensitive, RFC 6750), if there is one. */
    static Optional<byte[]> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean anyMatches(List<byte[]> known, byte[] candidate) {
        boolean match = false;
        for (byte[] token : known) {
            match |= MessageDigest.isEqual(token, candidate); // no early exit: timing says nothing about which token
        }
        return match;
    }

    private static byte[] bytes(String token, String key) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(key + " holds a blank token; set real tokens or remove the key");
        }
        return token.trim().getBytes(StandardCharsets.UTF_8);
    }
}
