package io.catalog.graph.api;

import io.catalog.graph.github.webhook.WebhookSignature;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries at the webhook routes: signed ones are stored once and processed from the table; anything unsigned,
 * badly signed or too large is refused and leaves no trace. The events used here are ones no provider acts on, so
 * what is checked is the delivery mechanism, whatever the discovery and organisation sides do.
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class GitHubWebhookTest {

    private static final String ROUTE = "/api/github/webhook";
    private static final String BACKSTAGE_ROUTE = "/api/events/http/github";
    private static final WebhookSignature SIGNATURE = new WebhookSignature(GitHubTestResource.WEBHOOK_SECRET);
    /** An event the catalog does not act on: recorded as processed (ignored) whatever providers exist. */
    private static final String STAR = "{\"action\":\"created\",\"starred_at\":\"2019-05-15T15:20:40Z\","
            + "\"repository\":{\"name\":\"payments\",\"full_name\":\"acme/payments\",\"owner\":{\"login\":\"acme\"}},"
            + "\"sender\":{\"login\":\"octocat\",\"html_url\":\"https://github.com/octocat\"}}";

    @Inject
    DataSource dataSource;

    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = new Sql(dataSource);
        GitHubTestResource.github().reset();
    }

    @Test
    void aSignedDeliveryIsStoredAnsweredWith202AndThenProcessed() {
        String id = UUID.randomUUID().toString();

        delivery("star", id, STAR).post(ROUTE).then().statusCode(202)
                .body("delivery", org.hamcrest.Matchers.equalTo(id)).body("status", org.hamcrest.Matchers.equalTo("accepted"));

        assertThat(sql.value("SELECT event FROM github_deliveries WHERE delivery_id = ?", id)).isEqualTo("star");
        awaitDone(id);
        assertThat(sql.value("SELECT note FROM github_deliveries WHERE delivery_id = ?", id))
                .isEqualTo("ignored: event star does not concern the catalog");
    }

    @Test
    void backstagesEventsPathIsTheSameHandler() {
        String id = UUID.randomUUID().toString();

        delivery("star", id, STAR).post(BACKSTAGE_ROUTE).then().statusCode(202);

        awaitDone(id);
    }

    @Test
    void aRedeliveryIsAnsweredButStoredAndProcessedOnce() {
        String id = UUID.randomUUID().toString();
        delivery("star", id, STAR).post(ROUTE).then().statusCode(202);
        awaitDone(id);

        delivery("star", id, STAR).post(ROUTE).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("duplicate"));
        delivery("star", id, STAR).post(BACKSTAGE_ROUTE).then().statusCode(200);

        assertThat(count(id)).isEqualTo(1);
        assertThat(sql.value("SELECT attempts FROM github_deliveries WHERE delivery_id = ?", id)).isEqualTo(1);
        assertThat(sql.value("SELECT status FROM github_deliveries WHERE delivery_id = ?", id)).isEqualTo("done");
    }

    @Test
    void unsignedAndBadlySignedDeliveriesAreRefusedAndLeaveNoRow() {
        String unsigned = UUID.randomUUID().toString();
        String wronglySigned = UUID.randomUUID().toString();
        String signedForAnotherBody = UUID.randomUUID().toString();

        Response refused = given().contentType("application/json").header("X-GitHub-Event", "star")
                .header("X-GitHub-Delivery", unsigned).body(STAR).post(ROUTE);
        given().contentType("application/json").header("X-GitHub-Event", "star").header("X-GitHub-Delivery", wronglySigned)
                .header(WebhookSignature.HEADER, new WebhookSignature("not-the-secret").sign(bytes(STAR))).body(STAR)
                .post(BACKSTAGE_ROUTE).then().statusCode(401);
        given().contentType("application/json").header("X-GitHub-Event", "star").header("X-GitHub-Delivery", signedForAnotherBody)
                .header(WebhookSignature.HEADER, SIGNATURE.sign(bytes("{}"))).body(STAR).post(ROUTE).then().statusCode(401);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("error.name")).isEqualTo("AuthenticationError");
        assertThat(refused.jsonPath().getString("error.message")).contains("X-Hub-Signature-256");
        assertThat(refused.jsonPath().getInt("response.statusCode")).isEqualTo(401);
        assertThat(refused.jsonPath().getString("request.url")).isEqualTo(ROUTE);
        assertThat(count(unsigned) + count(wronglySigned) + count(signedForAnotherBody)).isZero();
    }

    @Test
    void noBearerTokenIsNeededAndACatalogTokenDoesNotReplaceTheSignature() {
        String id = UUID.randomUUID().toString();

        given().contentType("application/json").header("Authorization", "Bearer test-writer-token")
                .header("X-GitHub-Event", "star").header("X-GitHub-Delivery", id).body(STAR).post(ROUTE).then().statusCode(401);
        assertThat(count(id)).isZero();

        delivery("star", id, STAR).post(ROUTE).then().statusCode(202); // signed, no Authorization header at all
        assertThat(count(id)).isEqualTo(1);
    }

    @Test
    void aPingIsAnsweredAndNotStored() {
        String id = UUID.randomUUID().toString();

        delivery("ping", id, "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":30}").post(ROUTE)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("pong"));

        assertThat(count(id)).isZero();
    }

    @Test
    void aSignedDeliveryWithoutItsEventOrIdIsABadRequest() {
        given().contentType("application/json").header("X-GitHub-Event", "star")
                .header(WebhookSignature.HEADER, SIGNATURE.sign(bytes(STAR))).body(STAR).post(ROUTE).then().statusCode(400);
        String id = UUID.randomUUID().toString();
        given().contentType("application/json").header("X-GitHub-Delivery", id)
                .header(WebhookSignature.HEADER, SIGNATURE.sign(bytes(STAR))).body(STAR).post(ROUTE).then().statusCode(400);
        assertThat(count(id)).isZero();
    }

    @Test
    void aBodyOverTheBoundIsRefusedWith413AndNotStored() {
        String id = UUID.randomUUID().toString();
        String large = "{\"padding\":\"" + "x".repeat(GitHubTestResource.WEBHOOK_MAX_BYTES) + "\"}";

        Response answer = delivery("push", id, large).post(ROUTE);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.jsonPath().getInt("response.statusCode")).isEqualTo(413);
        assertThat(count(id)).isZero();
    }

    @Test
    void aFormEncodedDeliveryIsTakenAsWell() {
        String id = UUID.randomUUID().toString();
        String form = "payload=" + URLEncoder.encode(STAR, StandardCharsets.UTF_8);

        given().contentType("application/x-www-form-urlencoded").header("X-GitHub-Event", "star").header("X-GitHub-Delivery", id)
                .header(WebhookSignature.HEADER, SIGNATURE.sign(bytes(form))).body(form).post(ROUTE).then().statusCode(202);

        awaitDone(id);
        assertThat(new String((byte[]) sql.value("SELECT payload FROM github_deliveries WHERE delivery_id = ?", id), StandardCharsets.UTF_8))
                .as("the JSON payload, decoded from the form").isEqualTo(STAR);
    }

    @Test
    void aDeliveryLeftPendingByACrashIsPickedUpByThePoll() {
        String id = UUID.randomUUID().toString();
        // stored, but its channel message never sent: the instance that took it died before announcing it
        sql.update("INSERT INTO github_deliveries (delivery_id, event, payload) VALUES (?, 'star', ?)", id, bytes(STAR));
        String claimedByTheDead = UUID.randomUUID().toString();
        // claimed by an instance that died while processing it: taken over once its claim runs out
        sql.update("INSERT INTO github_deliveries (delivery_id, event, payload, status, attempts, claimed_until)"
                + " VALUES (?, 'star', ?, 'processing', 1, now() - interval '1 second')", claimedByTheDead, bytes(STAR));

        awaitDone(id);
        awaitDone(claimedByTheDead);
        assertThat(sql.value("SELECT attempts FROM github_deliveries WHERE delivery_id = ?", claimedByTheDead)).isEqualTo(2);
    }

    private static RequestSpecification delivery(String event, String id, String body) {
        return given().contentType("application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .header("X-GitHub-Hook-ID", "30").header(WebhookSignature.HEADER, SIGNATURE.sign(bytes(body))).body(bytes(body));
    }

    private void awaitDone(String id) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(sql.value("SELECT status FROM github_deliveries WHERE delivery_id = ?", id)).isEqualTo("done"));
    }

    private long count(String id) {
        return (Long) sql.value("SELECT count(*) FROM github_deliveries WHERE delivery_id = ?", id);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
