package io.catalog.graph.github;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What one provider's calls to GitHub cost: requests made (GraphQL queries included), how many were
 * {@code 304 Not Modified} (free), and the REST rate limit as the last response stated it ({@code x-ratelimit-*},
 * {@code retry-after}).
 */
public final class RequestStats {

    /** The figures at one moment; a scan reports the difference between its start and end. */
    public record Snapshot(long requests, long notModified, long rateLimited, Long rateLimitRemaining, Long rateLimitLimit,
                           Instant rateLimitReset, Instant retryAfter) {

        /** What was spent between {@code before} and this snapshot. */
        public Snapshot since(Snapshot before) {
            return new Snapshot(requests - before.requests, notModified - before.notModified, rateLimited - before.rateLimited,
                    rateLimitRemaining, rateLimitLimit, rateLimitReset, retryAfter);
        }

        /** Requests that cost rate limit: every answer but a 304. */
        public long costly() {
            return requests - notModified;
        }
    }

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicReference<Long> remaining = new AtomicReference<>();
    private final AtomicReference<Long> limit = new AtomicReference<>();
    private final AtomicReference<Instant> reset = new AtomicReference<>();
    private final AtomicReference<Instant> retryAfter = new AtomicReference<>();

    void observe(int status, Function<String, String> header) {
        requests.incrementAndGet();
        String resource = header.apply("x-ratelimit-resource");
        if (resource != null && !resource.isBlank() && !resource.trim().equalsIgnoreCase("core")) {
            return; // another budget (GraphQL's points): its figures and refusals are not the REST budget's
        }
        Long left = number(header.apply("x-ratelimit-remaining"));
        if (left != null) {
            remaining.set(left);
        }
        Long max = number(header.apply("x-ratelimit-limit"));
        if (max != null) {
            limit.set(max);
        }
        Long resetAt = number(header.apply("x-ratelimit-reset"));
        if (resetAt != null) {
            reset.set(Instant.ofEpochSecond(resetAt));
        }
        Long wait = number(header.apply("retry-after"));
        boolean limited = (status == 403 || status == 429) && (wait != null || Long.valueOf(0).equals(left));
        if (limited) {
            rateLimited.incrementAndGet();
            retryAfter.set(wait != null ? Instant.now().plusSeconds(wait) : reset.get());
        }
    }

    void notModified() {
        notModified.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), notModified.get(), rateLimited.get(), remaining.get(), limit.get(), reset.get(),
                retryAfter.get());
    }

    /**
     * Until when GitHub asked us to wait (a {@code retry-after}, or the reset of an exhausted limit); null when
     * nothing asks for a pause now.
     */
    public Instant blockedUntil() {
        Instant until = retryAfter.get();
        return until != null && until.isAfter(Instant.now()) ? until : null;
    }

    private static Long number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
