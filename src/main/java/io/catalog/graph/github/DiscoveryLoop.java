package io.catalog.graph.github;

import io.catalog.graph.storage.AdvisoryLock;
import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.LoopThread;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Scans each provider every {@code schedule}, the first time {@code catalog.github.first-scan-delay} after start-up,
 * and right after the wait GitHub asked for when a scan hit a rate limit. When is decided from the scans table, so
 * replicas agree and a restart does not scan again at once; the scan lock (a PostgreSQL advisory lock) makes one
 * replica at a time scan a provider. An operator's {@code POST /api/admin/providers/{id}/scan} goes through
 * {@link #scanNow}.
 */
@ApplicationScoped
public class DiscoveryLoop {

    private static final Logger LOG = Logger.getLogger(DiscoveryLoop.class);
    /** How often the loop looks whether a provider is due. */
    private static final Duration POLL = Duration.ofSeconds(5);
    /** After a rate limit's end, a little margin so the first request does not land before GitHub's reset. */
    private static final Duration AFTER_LIMIT = Duration.ofSeconds(5);

    /** A scan of the provider runs already, on this replica or another. */
    public static class ScanRunning extends RuntimeException {
        public ScanRunning(String providerId) {
            super("a scan of GitHub provider " + providerId + " is running; its summary will be in GET /api/admin/providers");
        }
    }

    private final GitHubClients clients;
    private final GitHubScanner scanner;
    private final DiscoveryStore store;
    private final Duration firstDelay;
    private volatile Instant startedAt = Instant.now();
    private final LoopThread worker = new LoopThread("github-discovery");

    public DiscoveryLoop(GitHubClients clients, GitHubScanner scanner, DiscoveryStore store, CatalogConfig config) {
        this.clients = clients;
        this.scanner = scanner;
        this.store = store;
        this.firstDelay = config.github().firstScanDelay();
    }

    void start(@Observes StartupEvent started) {
        if (clients.providers().isEmpty()) {
            return;
        }
        startedAt = Instant.now();
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        worker.stop();
    }

    /** Scans the provider now and answers when the scan has ended; {@link ScanRunning} when one runs already. */
    public ScanSummary scanNow(GitHubProviderSettings provider) {
        try (AdvisoryLock lock = store.tryLock(provider.key()).orElseThrow(() -> new ScanRunning(provider.id()))) {
            return scanner.scan(provider);
        }
    }

    /** When the provider is scanned next, from its last scan (by any replica). */
    static Instant nextScan(GitHubProviderSettings provider, Optional<ScanSummary> last, Instant startedAt, Duration firstDelay) {
        Instant earliest = startedAt.plus(firstDelay);
        if (last.isEmpty()) {
            return earliest;
        }
        ScanSummary scan = last.get();
        Instant due = scan.finishedAt() == null
                ? scan.startedAt().plus(provider.schedule()) // still running, or its replica died: the lock tells
                : scan.blockedUntil() != null ? scan.blockedUntil().plus(AFTER_LIMIT) : scan.finishedAt().plus(provider.schedule());
        return due.isAfter(earliest) ? due : earliest;
    }

    private void run() {
        while (worker.running()) {
            for (GitHubProviderSettings provider : clients.providers()) {
                if (!worker.running()) {
                    return;
                }
                try {
                    scanIfDue(provider);
                } catch (RuntimeException e) {
                    LOG.warnf("GitHub provider %s: the scheduled scan could not run: %s", provider.id(), e.toString());
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void scanIfDue(GitHubProviderSettings provider) {
        if (Instant.now().isBefore(nextScan(provider, last(provider), startedAt, firstDelay))) {
            return;
        }
        Optional<AdvisoryLock> lock = store.tryLock(provider.key());
        if (lock.isEmpty()) {
            return; // another replica (or an operator) is scanning it
        }
        try (AdvisoryLock held = lock.get()) {
            // another replica may have finished a scan between the look and the lock
            if (!Instant.now().isBefore(nextScan(provider, last(provider), startedAt, firstDelay))) {
                scanner.scan(provider);
            }
        }
    }

    private Optional<ScanSummary> last(GitHubProviderSettings provider) {
        List<ScanSummary> scans = store.scans(provider.key(), 1);
        return scans.stream().findFirst();
    }
}
