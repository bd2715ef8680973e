package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When a provider is scanned next, from its last scan (by any replica). */
class DiscoveryScheduleTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration FIRST = Duration.ofSeconds(10);
    private final GitHubProviderSettings provider = new GitHubProviderSettings("acme", "acme", "https://api.github.com",
            GitHubUrls.forApi("https://api.github.com"), new GitHubProviderSettings.Token("t"), CatalogPathPattern.of("/catalog-info.yaml"),
            RepositoryFilter.defaults(), Duration.ofMinutes(15), true);

    private static ScanSummary finished(Instant at, String status, Instant blockedUntil) {
        return new ScanSummary(1, at.minusSeconds(30), at, status, 0, 0, 0, 0, 0, 0, null, null, blockedUntil, List.of(), List.of());
    }

    @Test
    void theFirstScanComesSoonAfterStartUp() {
        assertThat(DiscoveryLoop.nextScan(provider, Optional.empty(), START, FIRST)).isEqualTo(START.plus(FIRST));
    }

    @Test
    void aRecentScanByAnyReplicaIsNotRepeatedAtStartUp() {
        Instant lastFinished = START.minusSeconds(60);
        assertThat(DiscoveryLoop.nextScan(provider, Optional.of(finished(lastFinished, "ok", null)), START, FIRST))
                .isEqualTo(lastFinished.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aRateLimitedScanIsFollowedByOneRightAfterTheWaitGitHubAskedFor() {
        Instant finished = START.plusSeconds(600);
        Instant blocked = finished.plusSeconds(120);
        assertThat(DiscoveryLoop.nextScan(provider, Optional.of(finished(finished, "rate-limited", blocked)), START, FIRST))
                .isAfter(blocked).isBefore(blocked.plusSeconds(30));
    }
}
