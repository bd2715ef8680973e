package io.catalog.graph.github;

import java.time.Instant;
import java.util.List;

/**
 * One scan of a provider as {@code /api/admin/providers} shows it.
 *
 * @param status               {@code running}, {@code ok}, {@code partial} (some organisations or repositories could
 *                             not be read: nothing was removed), {@code failed} (nothing could be listed) or
 *                             {@code rate-limited} (stopped on a GitHub limit; nothing was removed; the next scan
 *                             waits for {@code blockedUntil}), or {@code interrupted} (its replica stopped)
 * @param repositoriesSeen     repositories listed
 * @param repositoriesMatched  of those, the ones the filters take
 * @param repositoriesRead     of those, the ones whose descriptors were looked for (new or changed)
 * @param locations            the provider's locations when the scan ended
 * @param requests             requests made to GitHub meanwhile (by this provider's client, refresh reads included)
 * @param notModified          of those, the {@code 304 Not Modified} answers, which cost no rate limit
 * @param blockedUntil         until when GitHub asked to wait (rate-limited scans)
 * @param errors               what could not be read, one line each (at most {@link #MAX_ERRORS})
 * @param organizations        the teams and members read for each organisation ({@code org.enabled}), after the
 *                             repositories; a failed or rate-limited read there kept the last good groups and users
 */
public record ScanSummary(long id, Instant startedAt, Instant finishedAt, String status, int repositoriesSeen,
                          int repositoriesMatched, int repositoriesRead, int locations, long requests, long notModified,
                          Long rateLimitRemaining, Instant rateLimitReset, Instant blockedUntil, List<String> errors,
                          List<OrganizationSync.Summary> organizations) {

    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String RATE_LIMITED = "rate-limited";
    /** The replica running it stopped before the end. */
    public static final String INTERRUPTED = "interrupted";
    public static final int MAX_ERRORS = 100;

    public ScanSummary {
        errors = errors == null ? List.of() : List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }
}
