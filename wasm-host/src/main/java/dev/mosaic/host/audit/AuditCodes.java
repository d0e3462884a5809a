package dev.mosaic.host.audit;

/** Codes of what {@link AuditLogVerifier} finds; listed in docs/errors.md. */
public final class AuditCodes {
  /** A line is not an audit line, or its {@code prev_hash} or {@code seq} does not follow. */
  public static final String CHAIN_BROKEN = "E0004";

  /** A seal, or the seal state, does not verify with the key. */
  public static final String SEAL_INVALID = "E0005";

  /** The seal state shows seals the log no longer has: its end was cut off. */
  public static final String TRUNCATED = "E0006";

  /** Seal epochs do not follow one another. */
  public static final String EPOCH_GAP = "E0007";

  /** Lines after the last seal: appended after it, or not sealed yet. */
  public static final String UNSEALED = "E0008";

  /** No seal state to compare the log's end with. */
  public static final String NO_SEAL_STATE = "E0009";

  /** The seal key cannot be used: no such file, not a key, or no key named where one is needed. */
  public static final String KEY_UNUSABLE = "E0010";

  /** An audit destination cannot be used, e.g. a syslog address that is not HOST:PORT. */
  public static final String DESTINATION_UNUSABLE = "E0011";

  private AuditCodes() {}
}
