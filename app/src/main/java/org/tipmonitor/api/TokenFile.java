package org.tipmonitor.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway tokens of a file that may change while the instance runs: rotation without a restart. The file is
 * read again when it changed, checked at most once per {@link #RECHECK} on use (no thread). A change that does not
 * parse is logged and ignored: the tokens in force stay, so a typo cannot lock every reporter out. The first load
 * fails loudly instead ({@link #open}), e.g. for a file holding clear-text tokens.
 */
public final class TokenFile implements BearerTokens {

    public static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    private final Path file;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private Snapshot snapshot;
    private long nextCheckNanos;

    private record Snapshot(byte[] content, GatewayTokens tokens) {
    }

    private TokenFile(final Path file, final Clock clock, final LongSupplier nanoTime, final Snapshot first) {
        this.file = file;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.snapshot = first;
        this.nextCheckNanos = nanoTime.getAsLong() + RECHECK.toNanos();
    }

    /** @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when the file is unusable now */
    public static TokenFile open(final Path file, final Clock clock) {
        Objects.requireNonNull(file, "file");
        final byte[] content = read(file).orElseThrow(() ->
            new java.io.UncheckedIOException(new IOException("Cannot read the gateway tokens file " + file)));
        return new TokenFile(file, clock, System::nanoTime, new Snapshot(content, parse(file, content)));
    }

    public int size() {
        return current().tokens().size();
    }

    @Override
    public Optional<GatewayTokens.Grant> find(final String token) {
        return current().tokens().find(token, clock.instant());
    }

    private synchronized Snapshot current() {
        final long now = nanoTime.getAsLong();
        if (now - nextCheckNanos < 0) {
            return snapshot;
        }
        nextCheckNanos = now + RECHECK.toNanos();
        final Optional<byte[]> content = read(file);
        if (content.isEmpty()) {
            LOG.error("Gateway tokens file {} cannot be read; the {} tokens loaded before stay in force", file,
                snapshot.tokens().size());
            return snapshot;
        }
        if (Arrays.equals(content.get(), snapshot.content())) {
            return snapshot;
        }
        try {
            snapshot = new Snapshot(content.get(), parse(file, content.get()));
            LOG.info("Gateway tokens file {} changed: {} tokens now in force", file, snapshot.tokens().size());
        } catch (final IllegalArgumentException e) {
            LOG.error("Gateway tokens file {} changed but is not valid; the tokens loaded before stay in force: {}",
                file, e.getMessage());
            snapshot = new Snapshot(content.get(), snapshot.tokens());
        }
        return snapshot;
    }

    private static GatewayTokens parse(final Path file, final byte[] content) {
        try {
            return GatewayTokens.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Gateway tokens file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> read(final Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
