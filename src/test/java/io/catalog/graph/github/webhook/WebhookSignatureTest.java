package io.catalog.graph.github.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");

    @Test
    void signsAndVerifiesGitHubsTestVector() {
        assertThat(signature.sign(HELLO)).isEqualTo(GITHUB_VECTOR);
        assertThat(signature.verifies(HELLO, GITHUB_VECTOR)).isTrue();
    }

    @Test
    void refusesAnotherBodyAnotherSecretOrAnAlteredSignature() {
        assertThat(signature.verifies("Hello, World?".getBytes(StandardCharsets.UTF_8), GITHUB_VECTOR)).isFalse();
        assertThat(new WebhookSignature("another secret").verifies(HELLO, GITHUB_VECTOR)).isFalse();
        String lastDigitChanged = GITHUB_VECTOR.substring(0, GITHUB_VECTOR.length() - 1) + "6";
        String firstDigitChanged = "sha256=6" + GITHUB_VECTOR.substring(8);
        assertThat(signature.verifies(HELLO, lastDigitChanged)).isFalse();
        assertThat(signature.verifies(HELLO, firstDigitChanged)).isFalse();
    }

    @Test
    void refusesMissingAndMalformedHeaders() {
        assertThat(signature.verifies(HELLO, null)).isFalse();
        assertThat(signature.verifies(HELLO, "")).isFalse();
        assertThat(signature.verifies(HELLO, GITHUB_VECTOR.substring(7))).as("no sha256= prefix").isFalse();
        assertThat(signature.verifies(HELLO, "sha1=" + GITHUB_VECTOR.substring(7))).as("the legacy SHA-1 header's form").isFalse();
        assertThat(signature.verifies(HELLO, GITHUB_VECTOR.substring(0, 40))).as("truncated").isFalse();
        assertThat(signature.verifies(HELLO, GITHUB_VECTOR + "00")).as("extended").isFalse();
        assertThat(signature.verifies(HELLO, "sha256=" + "zz".repeat(32))).as("not hex").isFalse();
    }

    @Test
    void theSignatureIsOverTheExactBytes() {
        byte[] json = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        String signed = signature.sign(json);
        assertThat(signature.verifies("{\"a\":1}".getBytes(StandardCharsets.UTF_8), signed)).as("same JSON, other spacing").isFalse();
    }

    @Test
    void anEmptySecretIsNoSecretAndTheSecretIsNeverPrinted() {
        assertThatThrownBy(() -> new WebhookSignature("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(signature.toString()).doesNotContain("Secret");
    }
}
