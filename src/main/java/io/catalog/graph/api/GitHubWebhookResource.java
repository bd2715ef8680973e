package io.catalog.graph.api;

import io.catalog.graph.github.webhook.WebhookIntake;
import io.catalog.graph.github.webhook.WebhookSignature;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * GitHub webhook deliveries, at our path and at the one Backstage's events backend uses, so a hook made for Backstage
 * needs only its host changed. Authenticated by the delivery's signature (checked in {@link WebhookIntake} over the
 * raw bytes), never by a catalog token; stored, answered, then processed from the {@code github-deliveries} channel.
 */
@Access(AccessLevel.GITHUB_SIGNATURE)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class GitHubWebhookResource {

    private final WebhookIntake intake;

    public GitHubWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/github/webhook")
    public Response webhook(@Context HttpHeaders headers, @Context HttpServerRequest request, byte[] body) {
        return receive(headers, request, body);
    }

    /** Backstage's {@code @backstage/plugin-events-backend-module-github} path. */
    @POST
    @Path("/events/http/github")
    public Response backstageEventsPath(@Context HttpHeaders headers, @Context HttpServerRequest request, byte[] body) {
        return receive(headers, request, body);
    }

    private Response receive(HttpHeaders headers, HttpServerRequest request, byte[] body) {
        WebhookIntake.Headers delivery = new WebhookIntake.Headers(headers.getHeaderString("X-GitHub-Event"),
                headers.getHeaderString("X-GitHub-Delivery"), headers.getHeaderString("X-GitHub-Hook-ID"),
                headers.getHeaderString(WebhookSignature.HEADER), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        WebhookIntake.Answer answer = intake.receive(delivery, body == null ? new byte[0] : body);
        if (answer instanceof WebhookIntake.Accepted accepted) {
            return Response.accepted(Map.of("delivery", accepted.deliveryId(), "status", "accepted")).build();
        }
        if (answer instanceof WebhookIntake.Duplicate duplicate) {
            return Response.ok(Map.of("delivery", duplicate.deliveryId(), "status", "duplicate")).build();
        }
        if (answer instanceof WebhookIntake.Pong) {
            return Response.ok(Map.of("status", "pong")).build();
        }
        WebhookIntake.Refused refused = (WebhookIntake.Refused) answer;
        return ApiError.response(refused.status(), refused.status() == 413 ? "PayloadTooLargeError" : ApiError.nameFor(refused.status()),
                refused.reason(), request.method().name(), request.uri());
    }
}
