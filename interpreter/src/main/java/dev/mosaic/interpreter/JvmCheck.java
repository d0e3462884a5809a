package dev.mosaic.interpreter;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, at the start of an embedding application, that the JVM was started with the flags of
 * docs/embedding.md ("JVM flags") and says which are missing. Each finding is a diagnostic with a
 * code of the tool's band (E0020-E0023) whose help is the flag to add; an application prints them
 * as warnings ({@link #warnings}) or refuses to start ({@link #requireAll}).
 *
 * <p>Nothing here changes the JVM: Mosaic runs without the flags, slower (E0020, E0021) or without
 * the feature named (E0022 PKCS#11 secrets, E0023 native access for GraalWasm). Thread-safe: it
 * keeps no state.
 */
public final class JvmCheck {
  /** The optimizing runtime is off: JVMCI is not enabled or the Graal compiler is not loaded. */
  public static final String NO_OPTIMIZING_RUNTIME = "E0020";

  /** {@code jdk.graal.MaximumLoopExplosionCount} is unset or below 100000. */
  public static final String LOOP_EXPLOSION_LOW = "E0021";

  /** The JDK's PKCS#11 wrapper is not exported to Mosaic: PKCS#11 secrets fail with E7117. */
  public static final String NO_PKCS11_EXPORT = "E0022";

  /** Native access is not enabled for the class path and Truffle. */
  public static final String NO_NATIVE_ACCESS = "E0023";

  /** The loop explosion count GraalWasm needs for large straight-line functions. */
  public static final long LOOP_EXPLOSION_COUNT = 100_000;

  private JvmCheck() {}

  /** What is missing from this JVM's flags; empty when everything is set. */
  public static List<Diagnostic> check() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    return check(
        args,
        truffleCompilerLoaded(),
        System.getProperty("jdk.graal.MaximumLoopExplosionCount"),
        pkcs11Exported(),
        JvmCheck.class.getModule().isNativeAccessEnabled());
  }

  /**
   * Whether the boot layer holds a Graal compiler that can compile for Truffle: GraalWasm's own
   * (graal/compiler-*.jar), given through {@code --upgrade-module-path} or, in a run-time image
   * without the JDK's {@code jdk.graal.compiler}, through {@code --module-path}. The JDK's own
   * module of that name has no Truffle support; with it GraalWasm falls back to its interpreter.
   */
  static boolean truffleCompilerLoaded() {
    return ModuleLayer.boot()
        .findModule("jdk.graal.compiler")
        .map(m -> m.getDescriptor().packages().contains(TRUFFLE_COMPILER_PACKAGE))
        .orElse(false);
  }

  private static final String TRUFFLE_COMPILER_PACKAGE = "jdk.graal.compiler.truffle.hotspot";

  /** The findings for the given JVM arguments, property and module states (for tests). */
  static List<Diagnostic> check(
      List<String> args,
      boolean compiler,
      String loopExplosion,
      boolean pkcs11Exported,
      boolean nativeAccess) {
    List<Diagnostic> out = new ArrayList<>();
    boolean jvmci = args.contains("-XX:+EnableJVMCI");
    if (!jvmci || !compiler) {
      out.add(
          Diagnostic.of(
                  NO_OPTIMIZING_RUNTIME,
                  "GraalWasm runs on its fallback runtime: "
                      + (jvmci ? "" : "JVMCI is not enabled")
                      + (!jvmci && !compiler ? ", " : "")
                      + (compiler ? "" : "the Graal compiler GraalWasm needs is not loaded"))
              .withHelp(
                  "add -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
                      + " --upgrade-module-path=GRAAL_DIR/compiler.jar"));
    }
    if (parse(loopExplosion) < LOOP_EXPLOSION_COUNT) {
      out.add(
          Diagnostic.of(
                  LOOP_EXPLOSION_LOW,
                  "jdk.graal.MaximumLoopExplosionCount is "
                      + (loopExplosion == null ? "unset" : "`" + loopExplosion + "`")
                      + ": large wasm functions stay interpreted")
              .withHelp("add -Djdk.graal.MaximumLoopExplosionCount=" + LOOP_EXPLOSION_COUNT));
    }
    if (!pkcs11Exported) {
      out.add(
          Diagnostic.of(
                  NO_PKCS11_EXPORT,
                  "the JDK's PKCS#11 wrapper is not exported to Mosaic: PKCS#11 secrets fail with"
                      + " E7117")
              .withHelp(
                  "add --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"));
    }
    if (!nativeAccess) {
      out.add(
          Diagnostic.of(NO_NATIVE_ACCESS, "native access is not enabled for Mosaic and Truffle")
              .withHelp("add --enable-native-access=ALL-UNNAMED,org.graalvm.truffle"));
    }
    return List.copyOf(out);
  }

  /** The findings rendered as {@code warning[E0020]: ... (help: ...)} lines. */
  public static List<String> warnings() {
    return check().stream()
        .map(d -> "warning[" + d.code() + "]: " + d.message() + " (help: " + d.help() + ")")
        .toList();
  }

  /**
   * Throws a {@link MosaicException} with every finding when any flag is missing, for applications
   * that would rather not start than run slower or without PKCS#11.
   */
  public static void requireAll() {
    List<Diagnostic> missing = check();
    if (!missing.isEmpty()) {
      throw new MosaicException(missing);
    }
  }

  private static boolean pkcs11Exported() {
    Optional<Module> cryptoki = ModuleLayer.boot().findModule("jdk.crypto.cryptoki");
    return cryptoki.isPresent()
        && cryptoki.get().isExported("sun.security.pkcs11.wrapper", JvmCheck.class.getModule());
  }

  private static long parse(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
