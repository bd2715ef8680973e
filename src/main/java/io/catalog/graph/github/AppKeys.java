package io.catalog.graph.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a GitHub App's private key. GitHub hands out PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}), which the JDK cannot
 * read and {@code github-api}'s JWT provider refuses; it is wrapped here into the PKCS#8 structure the JDK reads, so
 * operators can paste the key exactly as GitHub gave it. PKCS#8 ({@code BEGIN PRIVATE KEY}) is taken as is.
 */
final class AppKeys {

    /** DER of the rsaEncryption algorithm identifier: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private AppKeys() {
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException("the GitHub App private key is not a PEM private key"
                    + " (expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the GitHub App private key is not valid base64");
        }
        byte[] pkcs8 = pkcs1 ? wrap(der) : der;
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm, privateKey OCTET STRING (the PKCS#1 key) }. */
    private static byte[] wrap(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i > 0; i--) {
            out[i] = (byte) (length & 0xff);
            length >>>= 8;
        }
        return out;
    }
}
