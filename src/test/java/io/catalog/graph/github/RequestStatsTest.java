package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rate-limit headers (and, for a 403 naming no time, the message) of one answer ask of us. */
class RequestStatsTest {

    private final RequestStats stats = new RequestStats();

    private static Function<String, String> headers(Map<String, String> values) {
        return values::get;
    }

    private static final Map<String, String> BUDGET_LEFT = Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "4000",
            "x-ratelimit-reset", Long.toString(Instant.now().plusSeconds(3000).getEpochSecond()));

    @Test
    void aSecondaryLimitWithoutRetryAfterBlocksForAMinute() {
        Instant before = Instant.now();

        stats.observe(403, headers(BUDGET_LEFT), true);

        assertThat(stats.blockedUntil()).isAfterOrEqualTo(before.plusSeconds(60)).isBefore(Instant.now().plusSeconds(61));
        assertThat(stats.snapshot().rateLimited()).isEqualTo(1);
    }

    @Test
    void a403ForAMissingPermissionBlocksNothing() {
        stats.observe(403, headers(BUDGET_LEFT), false);

        assertThat(stats.blockedUntil()).isNull();
        assertThat(stats.snapshot().rateLimited()).isZero();
    }

    @Test
    void a429IsALimitEvenWithoutATime() {
        Instant before = Instant.now();

        stats.observe(429, headers(BUDGET_LEFT), false);

        assertThat(stats.blockedUntil()).isAfterOrEqualTo(before.plusSeconds(60));
    }

    @Test
    void retryAfterAndAnExhaustedBudgetSayUntilWhen() {
        Instant before = Instant.now();
        stats.observe(403, headers(Map.of("retry-after", "120", "x-ratelimit-remaining", "4000")), true);
        assertThat(stats.blockedUntil()).isAfterOrEqualTo(before.plusSeconds(120)).isBefore(Instant.now().plusSeconds(121));

        Instant reset = Instant.now().plusSeconds(900);
        RequestStats exhausted = new RequestStats();
        exhausted.observe(403, headers(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset.getEpochSecond()))), false);
        assertThat(exhausted.blockedUntil()).isEqualTo(Instant.ofEpochSecond(reset.getEpochSecond()));
    }

    @Test
    void theMessageOfASecondaryLimitIsRecognised() {
        assertThat(RequestStats.saysSecondaryLimit("{\"message\":\"You have exceeded a secondary rate limit. Please wait.\"}".getBytes()))
                .isTrue();
        assertThat(RequestStats.saysSecondaryLimit("{\"message\":\"You have triggered an abuse detection mechanism.\"}".getBytes()))
                .as("older GitHub Enterprise Server").isTrue();
        assertThat(RequestStats.saysSecondaryLimit("{\"message\":\"Resource not accessible by integration\"}".getBytes())).isFalse();
    }
}
