package dev.mosaic.host.audit;

import dev.mosaic.plan.audit.AuditEvent;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link JsonLinesAuditLog} seals and syncs. The default seals nothing and syncs nothing:
 * every line is written to the operating system before {@code record} returns (it survives the
 * process, not a power cut).
 *
 * @param keys where the first epoch key comes from; {@code null} for an unsealed log
 * @param sealEvery a seal after at most this many lines since the last one (and one at close)
 * @param sync events after which the file is forced to disk before {@code record} returns; seals
 *     are always forced
 */
public record AuditLogOptions(SealKeys keys, int sealEvery, Predicate<AuditEvent> sync) {
  /** Lines between two seals unless set otherwise. */
  public static final int DEFAULT_SEAL_EVERY = 1000;

  public AuditLogOptions {
    Objects.requireNonNull(sync, "sync");
    if (sealEvery < 1) {
      throw new IllegalArgumentException("sealEvery must be at least 1");
    }
  }

  /** Unsealed, nothing forced. */
  public static AuditLogOptions defaults() {
    return new AuditLogOptions(null, DEFAULT_SEAL_EVERY, e -> false);
  }

  /** Sealed with keys from {@code keys}. */
  public AuditLogOptions sealedWith(SealKeys keys) {
    return new AuditLogOptions(Objects.requireNonNull(keys, "keys"), sealEvery, sync);
  }

  public AuditLogOptions sealEvery(int lines) {
    return new AuditLogOptions(keys, lines, sync);
  }

  /** Forces the file to disk after each event that {@code which} accepts. */
  public AuditLogOptions sync(Predicate<AuditEvent> which) {
    return new AuditLogOptions(keys, sealEvery, which);
  }

  public boolean sealed() {
    return keys != null;
  }
}
