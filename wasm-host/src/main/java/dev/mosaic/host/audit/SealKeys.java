package dev.mosaic.host.audit;

import dev.mosaic.hsm.SecretBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a sealed log's first epoch key comes from. A writer asks only when a log has no seal state
 * yet (its first seal, or a state that was lost); afterwards it evolves the key it keeps in the
 * state file and never asks again. The verifier asks for the same key and evolves it forward.
 *
 * <p>Each tenant gets its own first key, {@code HMAC-SHA256(master, "mosaic-audit-seed\0" +
 * tenant)}, so one tenant's keys say nothing about another's.
 */
@FunctionalInterface
public interface SealKeys {
  /** The epoch-0 key of a tenant's log (32 bytes); the caller zeroes it after use. */
  byte[] initialKey(String tenant);

  /**
   * A development key file: 64 hex digits (32 bytes), as {@link #generate} writes them. Whoever can
   * read the file can forge every epoch of every tenant's log; keep it off the host that writes the
   * logs once their seal states exist (docs/audit.md).
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it does not hold 64 hex digits
   */
  static SealKeys keyFile(Path file) {
    byte[] master = readKeyFile(file);
    return tenant -> AuditSeal.hmac(master, AuditSeal.seedLabel(tenant));
  }

  /**
   * A secret key on a token (or any {@link SecretBackend} with {@code hmacSha256}): each tenant's
   * first key is computed on the token and the master key never leaves it.
   */
  static SealKeys token(SecretBackend backend, String keyLabel) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(keyLabel, "keyLabel");
    return tenant -> backend.hmacSha256(keyLabel, AuditSeal.seedLabel(tenant));
  }

  /** Writes a new random key file readable by its owner only. */
  static void generate(Path file) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, HexFormat.of().formatHex(key) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write seal key file " + file, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] readKeyFile(Path file) {
    String text;
    try {
      if (Files.size(file) > 4096) {
        throw new IllegalArgumentException("seal key file `" + file + "` is not a key file");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seal key file " + file, e);
    }
    if (!text.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "seal key file `" + file + "` must hold 64 hex digits (32 bytes)");
    }
    return HexFormat.of().parseHex(text);
  }
}
