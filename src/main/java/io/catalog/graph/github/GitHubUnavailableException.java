package io.catalog.graph.github;

import java.time.Instant;

/**
 * GitHub could not be read for a change a webhook announced (a 5xx, a timeout, a rate limit): nothing was removed, and
 * the delivery is to be tried again, not after {@code retryAfter} when GitHub named a time.
 */
public class GitHubUnavailableException extends RuntimeException {

    private final transient Instant retryAfter;

    public GitHubUnavailableException(String message, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When GitHub allows the next request (a rate limit's reset or {@code retry-after}); null when it did not say. */
    public Instant retryAfter() {
        return retryAfter;
    }
}
