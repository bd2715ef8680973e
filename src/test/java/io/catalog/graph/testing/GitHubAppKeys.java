package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A GitHub App's RSA key pair, made at test time: the private key in the two PEM forms an operator may paste (PKCS#1,
 * as GitHub hands it out, and PKCS#8), and the check GitHub makes of the JWT an App authenticates with (RS256,
 * signed by the private key whose public half GitHub holds).
 */
public final class GitHubAppKeys {

    /** A JWT that verified: its header and claims. */
    public record Jwt(JsonNode header, JsonNode claims) {
    }

    private final KeyPair pair;

    public GitHubAppKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair pair() {
        return pair;
    }

    /** {@code BEGIN PRIVATE KEY}: the JDK's own encoding of the key. */
    public String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** {@code BEGIN RSA PRIVATE KEY}, as GitHub gives it: the RSAPrivateKey inside PKCS#8's OCTET STRING. */
    public String pkcs1Pem() {
        return pem("RSA PRIVATE KEY", unwrapPkcs8(pair.getPrivate().getEncoded()));
    }

    /**
     * Checks an {@code Authorization: Bearer <jwt>} value as GitHub would: three base64url parts, {@code alg} RS256,
     * the signature made by this pair's private key. Throws when any of that fails.
     */
    public Jwt verify(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("not a bearer JWT: " + authorization);
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWT of three parts: " + authorization);
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            JsonNode header = GitHubStub.json().readTree(url.decode(parts[0]));
            JsonNode claims = GitHubStub.json().readTree(url.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                throw new AssertionError("JWT alg is " + header.path("alg") + ", not RS256");
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(pair.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(url.decode(parts[2]))) {
                throw new AssertionError("the JWT's signature does not verify with the App's public key");
            }
            return new Jwt(header, claims);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot check the JWT: " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm SEQUENCE, privateKey OCTET STRING }: the content of
     * the OCTET STRING, read with just enough DER to skip what comes before it.
     */
    static byte[] unwrapPkcs8(byte[] der) {
        int[] at = {0};
        expect(der, at, 0x30);
        length(der, at);
        expect(der, at, 0x02);
        skip(der, at);
        expect(der, at, 0x30);
        skip(der, at);
        expect(der, at, 0x04);
        int size = length(der, at);
        return Arrays.copyOfRange(der, at[0], at[0] + size);
    }

    private static void expect(byte[] der, int[] at, int tag) {
        if ((der[at[0]] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag " + der[at[0]] + " at " + at[0]);
        }
        at[0]++;
    }

    private static void skip(byte[] der, int[] at) {
        int size = length(der, at);
        at[0] += size;
    }

    private static int length(byte[] der, int[] at) {
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int value = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            value = value << 8 | der[at[0]++] & 0xff;
        }
        return value;
    }
}
