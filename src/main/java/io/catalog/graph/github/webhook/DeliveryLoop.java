package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.LoopThread;
import io.catalog.graph.github.GitHubClients;
import io.catalog.graph.github.GitHubUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Each instance's delivery worker: claims due deliveries (oldest first, so pushes apply in the order GitHub sent
 * them), interprets and executes each, marks it done, or pending again with a doubling delay, or failed after
 * {@code catalog.github.webhook-max-attempts}. Woken by the {@code github-deliveries} channel; polls anyway, which
 * is how deliveries left by a crash or stored by another replica are found. Prunes old processed rows.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    private static final Object WAKE = new Object();
    private static final int BATCH = 16;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final DeliveryStore store;
    private final DeliveryInterpreter interpreter;
    private final DeliveryExecutor executor;
    private final WebhookMetrics metrics;
    private final ObjectMapper json;
    private final CatalogConfig.GitHub config;
    private final BlockingQueue<Object> wakeUps = new ArrayBlockingQueue<>(1);
    private final LoopThread worker = new LoopThread("github-deliveries");
    private Instant nextPrune = Instant.EPOCH;

    public DeliveryLoop(DeliveryStore store, GitHubClients clients, DeliveryExecutor executor, WebhookMetrics metrics,
                        ObjectMapper json, CatalogConfig config) {
        this.store = store;
        this.interpreter = new DeliveryInterpreter(clients.providers());
        this.executor = executor;
        this.metrics = metrics;
        this.json = json;
        this.config = config.github();
    }

    void start(@Observes StartupEvent started) {
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        worker.stop();
    }

    /** A delivery was stored: process it now rather than at the next poll. Never blocks. */
    public void wake() {
        wakeUps.offer(WAKE);
    }

    private void run() {
        while (worker.running()) {
            try {
                prune();
                List<Delivery> claimed = store.claim(BATCH, config.webhookLease());
                claimed.forEach(this::process);
                if (claimed.size() < BATCH) {
                    wakeUps.poll(config.webhookPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // the database away, or a defect: keep the worker alive, try again at the next poll
                if (!worker.running()) {
                    return;
                }
                LOG.warnf("GitHub deliveries: claiming failed, retrying in %s: %s", config.webhookPollInterval(), e.toString());
                try {
                    Thread.sleep(config.webhookPollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Processes one claimed delivery and records how it ended; never throws. */
    void process(Delivery delivery) {
        String outcome;
        try {
            if (delivery.attempts() > config.webhookMaxAttempts()) { // claimed again and again: its worker died on it each time
                store.failed(delivery.id(), "given up after " + config.webhookMaxAttempts() + " attempts", Duration.ZERO, true);
                outcome = "failed";
            } else {
                outcome = attempt(delivery);
            }
        } catch (SQLException e) {
            LOG.warnf("GitHub delivery %s: its state could not be stored (%s); it is claimed again when its lease runs out",
                    delivery.id(), e.getMessage());
            return;
        }
        metrics.processed(delivery.event(), outcome, Duration.between(delivery.receivedAt(), Instant.now()));
    }

    private String attempt(Delivery delivery) throws SQLException {
        JsonNode payload;
        try {
            payload = json.readTree(delivery.payload());
        } catch (IOException e) {
            store.failed(delivery.id(), "the payload is not JSON: " + e.getMessage(), Duration.ZERO, true);
            return "failed";
        }
        try {
            Interpretation interpretation = interpreter.interpret(delivery.event(), payload);
            String note = executor.execute(interpretation);
            store.done(delivery.id(), note);
            LOG.debugf("GitHub delivery %s (%s): %s", delivery.id(), delivery.event(), note);
            return interpretation.actions().isEmpty() ? "ignored" : "done";
        } catch (RuntimeException | IOException e) {
            boolean last = delivery.attempts() >= config.webhookMaxAttempts();
            Duration retry = retryDelay(delivery, e);
            store.failed(delivery.id(), describe(e), retry, last);
            LOG.warnf("GitHub delivery %s (%s) failed, attempt %d of %d%s: %s", delivery.id(), delivery.event(), delivery.attempts(),
                    config.webhookMaxAttempts(), last ? ", giving up" : ", retrying in " + retry, describe(e));
            return last ? "failed" : "retried";
        }
    }

    /**
     * The delay doubles with each attempt, but never ends before GitHub's own time: a rate limit resets at a stated
     * moment, and attempts spent before it would be wasted.
     */
    private Duration retryDelay(Delivery delivery, Exception failure) {
        Duration doubling = config.webhookRetryDelay().multipliedBy(1L << Math.min(delivery.attempts() - 1, 16));
        Instant allowed = failure instanceof GitHubUnavailableException unavailable ? unavailable.retryAfter() : null;
        Duration untilAllowed = allowed == null ? Duration.ZERO : Duration.between(Instant.now(), allowed).plusSeconds(1);
        return untilAllowed.compareTo(doubling) > 0 ? untilAllowed : doubling;
    }

    private void prune() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int pruned = store.prune(config.webhookRetention());
        if (pruned > 0) {
            LOG.debugf("GitHub deliveries: %d processed more than %s ago forgotten", pruned, config.webhookRetention());
        }
    }

    private static String describe(Exception e) {
        return e instanceof JsonProcessingException ? e.getClass().getSimpleName() : e.toString();
    }
}
