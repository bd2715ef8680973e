package io.catalog.graph.api;

/** Who may call a route: the levels a bearer token is checked against. */
public enum AccessLevel {
    /** Reads the catalog: open unless {@code catalog.auth.protect-reads} is set, then any catalog token. */
    READ,
    /**
     * Changes the catalog or makes the server fetch remote content: a catalog token ({@code catalog.auth.tokens}),
     * unless the embedded local mode opened writes.
     */
    WRITE,
    /** The Argo CD ApplicationSet plugin generator: the plugin's own token ({@code catalog.argocd.token}), always. */
    ARGOCD,
    /**
     * GitHub webhook deliveries: no bearer token (GitHub cannot send one); the resource verifies the delivery's
     * {@code X-Hub-Signature-256} against {@code catalog.github.webhook-secret} instead, and accepts nothing without a
     * secret. A catalog token never stands in for the signature.
     */
    GITHUB_SIGNATURE
}
