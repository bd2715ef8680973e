package io.catalog.graph.github;

import io.catalog.graph.testing.GitHubAppKeys;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A GitHub App's private key, pasted as GitHub gives it (PKCS#1) or as PKCS#8. */
class AppKeysTest {

    private static final GitHubAppKeys KEYS = new GitHubAppKeys();

    @Test
    void thePkcs1PemGitHubHandsOutIsRead() throws GeneralSecurityException {
        assertThat(KEYS.pkcs1Pem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(AppKeys.privateKey(KEYS.pkcs1Pem()).getEncoded()).isEqualTo(KEYS.pair().getPrivate().getEncoded());
    }

    @Test
    void aPkcs8PemIsReadAsItIs() throws GeneralSecurityException {
        assertThat(AppKeys.privateKey(KEYS.pkcs8Pem()).getEncoded()).isEqualTo(KEYS.pair().getPrivate().getEncoded());
    }

    @Test
    void aKeyWithWindowsLineEndsAndSurroundingBlanksIsRead() throws GeneralSecurityException {
        String pasted = "\n  " + KEYS.pkcs1Pem().replace("\n", "\r\n") + "  \n";

        assertThat(AppKeys.privateKey(pasted).getEncoded()).isEqualTo(KEYS.pair().getPrivate().getEncoded());
    }

    @Test
    void somethingElseIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> AppKeys.privateKey("ghp_notakey")).isInstanceOf(GeneralSecurityException.class)
                .hasMessageNotContaining("ghp_notakey");
        assertThatThrownBy(() -> AppKeys.privateKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> AppKeys.privateKey("-----BEGIN RSA PRIVATE KEY-----\n!!!\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
