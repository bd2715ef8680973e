package io.catalog.graph.github;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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

    /** How long to wait after a limit GitHub put no time on (its documentation: at least a minute). */
    static final Duration UNSTATED_WAIT = Duration.ofMinutes(1);

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicReference<Long> remaining = new AtomicReference<>();
    private final AtomicReference<Long> limit = new AtomicReference<>();
    private final AtomicReference<Instant> reset = new AtomicReference<>();
    private final AtomicReference<Instant> retryAfter = new AtomicReference<>();
    private final AtomicLong graphqlQueries = new AtomicLong();
    private final AtomicReference<Long> graphqlRemaining = new AtomicReference<>();

    /**
     * @param saysSecondaryLimit the answer's message says a secondary rate limit was exceeded. A 403 with budget left
     *                           and no {@code retry-after} is a secondary limit only by its message: a 403 for a
     *                           missing permission has the same status and headers.
     */
    void observe(int status, Function<String, String> header, boolean saysSecondaryLimit) {
        requests.incrementAndGet();
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
        boolean exhausted = Long.valueOf(0).equals(left);
        // a 429 is always a limit; a 403 when it names a time, the budget is spent, or its message says so
        boolean limited = status == 429 || status == 403 && (wait != null || exhausted || saysSecondaryLimit);
        if (limited) {
            rateLimited.incrementAndGet();
            retryAfter.set(waitUntil(wait, exhausted, reset.get()));
        }
    }

    /**
     * Until when a refusal asks to wait: {@code retry-after} seconds, else the reset of a spent budget, else a minute
     * (GitHub's advice for a limit that names no time). For REST here, and for GraphQL's own budget.
     */
    static Instant waitUntil(Long retryAfterSeconds, boolean spent, Instant reset) {
        return retryAfterSeconds != null ? Instant.now().plusSeconds(retryAfterSeconds)
                : spent && reset != null ? reset
                : Instant.now().plus(UNSTATED_WAIT);
    }

    /**
     * Whether an error body is GitHub's secondary-limit message ({@code You have exceeded a secondary rate limit},
     * or {@code abuse detection mechanism} on older GitHub Enterprise Server).
     */
    static boolean saysSecondaryLimit(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("secondary rate limit") || text.contains("abuse detection");
    }

    /**
     * A GraphQL query: counted among the requests, and its own budget (points) kept apart from the REST figures,
     * whatever its headers say.
     */
    void observeGraphQl(Function<String, String> header) {
        requests.incrementAndGet();
        graphqlQueries.incrementAndGet();
        Long left = number(header.apply("x-ratelimit-remaining"));
        if (left != null) {
            graphqlRemaining.set(left);
        }
    }

    /** GraphQL queries made, and the points GitHub still allows (as its last answer said; null before any). */
    public long graphqlQueries() {
        return graphqlQueries.get();
    }

    public Long graphqlRemaining() {
        return graphqlRemaining.get();
    }

    void notModified() {
        notModified.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.get(), notModified.get(), rateLimited.get(), remaining.get(), limit.get(), reset.get(),
                retryAfter.get());
    }

    /**
     * Until when GitHub asked us to wait (a {@code retry-after}, the reset of an exhausted limit, or a minute after a
     * limit that named no time); null when nothing asks for a pause now.
     */
    public Instant blockedUntil() {
        Instant until = retryAfter.get();
        return until != null && until.isAfter(Instant.now()) ? until : null;
    }

    /** A number header ({@code x-ratelimit-*}, {@code retry-after}); null when absent or not a number. */
    static Long number(String value) {
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
