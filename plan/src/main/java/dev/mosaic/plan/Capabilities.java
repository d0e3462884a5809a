package dev.mosaic.plan;

import java.util.List;

/** Host capabilities a guest may import from the {@value #MODULE} import module. */
public final class Capabilities {
  /** Import module name under which the host provides capabilities. */
  public static final String MODULE = "mosaic";

  /** Capability names known to this version. */
  public static final List<String> KNOWN =
      List.of("log", "clock", "random", "secret", "kv", "http", "files");

  private Capabilities() {}

  /**
   * The capability an import field belongs to: {@code log} for {@code log}, {@code secret} for
   * {@code secret_read} and {@code secret_hmac}.
   */
  public static String capabilityOf(String importName) {
    int underscore = importName.indexOf('_');
    return underscore < 0 ? importName : importName.substring(0, underscore);
  }
}
