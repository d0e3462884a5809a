package dev.mosaic.plan;

import java.util.List;

/**
 * Host capabilities a guest may import from the {@value #MODULE} import module, and WASI preview 1
 * (import module {@value #WASI_MODULE}), which is the {@value #WASI_CAPABILITY} capability.
 */
public final class Capabilities {
  /** Import module name under which the host provides capabilities. */
  public static final String MODULE = "mosaic";

  /** Capability names known to this version. */
  public static final List<String> KNOWN =
      List.of("log", "clock", "random", "secret", "kv", "http", "files");

  /** Import module of WASI preview 1; its file access is governed by the {@code files} grants. */
  public static final String WASI_MODULE = "wasi_snapshot_preview1";

  /** The capability whose rules pre-open directories for WASI and decide each file access. */
  public static final String WASI_CAPABILITY = "files";

  /** Prefix of the WASI socket functions, which the host never links. */
  private static final String WASI_SOCKETS = "sock_";

  private Capabilities() {}

  /**
   * The capability a WASI preview 1 function needs: {@code clock} for {@code clock_time_get} and
   * {@code clock_res_get}, {@code random} for {@code random_get}, none ({@code null}) for the
   * others. Those need no grant to link: files are reached only through directories the component's
   * {@value #WASI_CAPABILITY} rules pre-open (none without a rule), each access checked against
   * them, and standard output and error reach the host's log only with {@code log}; so WASI gives a
   * guest nothing its policy would refuse through {@value #MODULE}.
   */
  public static String wasiCapabilityOf(String importName) {
    if (importName.startsWith("clock_")) {
      return "clock";
    }
    return importName.equals("random_get") ? "random" : null;
  }

  /**
   * Whether the host links a WASI preview 1 function: every function but the sockets ({@code
   * sock_*}), since a guest's network access goes through the {@code http} capability only.
   */
  public static boolean wasiAllowed(String importName) {
    return !importName.startsWith(WASI_SOCKETS);
  }

  /**
   * The capability an import field belongs to: {@code log} for {@code log}, {@code secret} for
   * {@code secret_read} and {@code secret_hmac}.
   */
  public static String capabilityOf(String importName) {
    int underscore = importName.indexOf('_');
    return underscore < 0 ? importName : importName.substring(0, underscore);
  }
}
