package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.github.GitHubProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Receives a delivery: checks its size and signature, stores it (once per {@code X-GitHub-Delivery}) and announces it
 * on the {@code github-deliveries} channel. Nothing is stored, and nothing changes, unless the signature matches the
 * configured secret; without a secret nothing is accepted at all.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_HEADER = 200;

    /** What the request carried besides its body. */
    public record Headers(String event, String deliveryId, String hookId, String signature, String contentType) {
    }

    /** How the delivery is answered. */
    public sealed interface Answer permits Accepted, Duplicate, Pong, Refused {
    }

    /** Stored, processing follows: 202. */
    public record Accepted(String deliveryId) implements Answer {
    }

    /** Stored before (a redelivery): 200, not processed again. */
    public record Duplicate(String deliveryId) implements Answer {
    }

    /** A ping: 200. */
    public record Pong() implements Answer {
    }

    /** Not taken: {@code status} 400, 401 or 413, {@code reason} said to the sender. */
    public record Refused(int status, String reason) implements Answer {
    }

    private final Optional<WebhookSignature> signature;
    private final int maxBytes;
    private final DeliveryStore store;
    private final GitHubDeliveryEvents events;
    private final WebhookMetrics metrics;
    private final ObjectMapper json;

    public WebhookIntake(CatalogConfig config, DeliveryStore store, GitHubDeliveryEvents events, WebhookMetrics metrics, ObjectMapper json) {
        this.signature = GitHubProviderSettings.secret(config.github().webhookSecret(), config.github().webhookSecretFile(),
                "catalog.github.webhook-secret").filter(s -> !s.isEmpty()).map(WebhookSignature::new);
        this.maxBytes = config.github().webhookMaxBytes();
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        this.json = json;
        if (signature.isEmpty()) {
            LOG.info("GitHub webhook routes refuse every delivery: no catalog.github.webhook-secret is configured");
        }
    }

    public Answer receive(Headers headers, byte[] body) {
        if (signature.isEmpty()) {
            return refused(headers, "unauthenticated", 401,
                    "no webhook secret is configured (catalog.github.webhook-secret): this route accepts no delivery");
        }
        if (body.length > maxBytes) {
            return refused(headers, "too-large", 413, "the delivery is over " + maxBytes + " bytes (catalog.github.webhook-max-bytes)");
        }
        if (!signature.get().verifies(body, headers.signature())) {
            return refused(headers, "unauthenticated", 401, "X-Hub-Signature-256 is missing or does not match the delivery");
        }
        if (blank(headers.event()) || blank(headers.deliveryId())) {
            return refused(headers, "invalid", 400, "X-GitHub-Event and X-GitHub-Delivery are required");
        }
        if (headers.event().length() > MAX_HEADER || headers.deliveryId().length() > MAX_HEADER
                || headers.hookId() != null && headers.hookId().length() > MAX_HEADER) {
            return refused(headers, "invalid", 400, "X-GitHub-Event, X-GitHub-Delivery and X-GitHub-Hook-ID are at most "
                    + MAX_HEADER + " characters");
        }
        Optional<byte[]> payload = payload(headers.contentType(), body);
        if (payload.isEmpty()) {
            return refused(headers, "invalid", 400, "the delivery is not a JSON object (as application/json, or as the payload"
                    + " field of application/x-www-form-urlencoded)");
        }
        if (headers.event().equals("ping")) {
            metrics.received("ping", "pong");
            return new Pong();
        }
        if (!store.insert(headers.deliveryId(), headers.event(), headers.hookId(), payload.get())) {
            metrics.received(headers.event(), "duplicate");
            return new Duplicate(headers.deliveryId());
        }
        events.stored(headers.deliveryId());
        metrics.received(headers.event(), "accepted");
        return new Accepted(headers.deliveryId());
    }

    /** The JSON payload: the body, or its {@code payload} field when the hook sends form-encoded bodies. */
    private Optional<byte[]> payload(String contentType, byte[] body) {
        byte[] candidate = body;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            candidate = null;
            for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
                if (field.startsWith("payload=")) {
                    candidate = URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                }
            }
            if (candidate == null) {
                return Optional.empty();
            }
        }
        try {
            JsonNode parsed = json.readTree(candidate);
            return parsed != null && parsed.isObject() ? Optional.of(candidate) : Optional.empty();
        } catch (IOException | IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    private Refused refused(Headers headers, String outcome, int status, String reason) {
        // the event header of a delivery not accepted is anyone's to write: counted as "other" unless a known name
        metrics.received(headers.event(), outcome);
        return new Refused(status, reason);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
