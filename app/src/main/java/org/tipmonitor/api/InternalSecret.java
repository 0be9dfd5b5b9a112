package org.tipmonitor.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret instances of one deployment present to each other on {@code /internal/v1/...} (header
 * {@value #HEADER}). Compared in constant time. Every instance of an application id must be given the same one
 * ({@code tip.api.internal-secret}); an instance without one makes up a random secret, so that its internal
 * endpoints are never open, at the price of answering no other instance.
 */
public final class InternalSecret {

    public static final String HEADER = "X-Tip-Internal-Secret";

    private final String secret;
    private final byte[] bytes;

    private InternalSecret(final String secret) {
        this.secret = secret;
        this.bytes = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static InternalSecret of(final String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the internal secret must not be blank");
        }
        return new InternalSecret(secret);
    }

    /** 32 random bytes, URL-safe Base64. */
    public static InternalSecret random() {
        return new InternalSecret(randomToken());
    }

    /** 32 bytes of {@link SecureRandom}, URL-safe Base64 without padding: for secrets and tokens. */
    public static String randomToken() {
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether the presented header value is this secret; constant time in the secret's content. */
    public boolean matches(final String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(bytes, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The value to send; only for the client side of the internal endpoints. */
    String value() {
        return secret;
    }

    @Override
    public String toString() {
        return "InternalSecret[hidden]";
    }
}
