package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import iaik.pkcs.pkcs11.DefaultInitializeArgs;
import iaik.pkcs.pkcs11.Module;
import iaik.pkcs.pkcs11.TokenException;
import iaik.pkcs.pkcs11.wrapper.PKCS11Constants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads each PKCS#11 library once per process. The JDK keeps one initialized native module per path
 * for the life of the process, so modules are shared by all backends and never finalized. Modules
 * are initialized with OS locking allowed, so calls on different sessions run in parallel.
 */
final class Pkcs11Modules {
  static final String JDK_MODULE = "jdk.crypto.cryptoki";
  static final String JDK_PACKAGE = "sun.security.pkcs11.wrapper";

  private static final Map<String, Module> LOADED = new HashMap<>();

  private Pkcs11Modules() {}

  /** The initialized module for {@code library}. */
  static synchronized Module load(Path library) {
    checkAccess();
    Path absolute = library.toAbsolutePath().normalize();
    String key = absolute.toString();
    Module module = LOADED.get(key);
    if (module != null) {
      return module;
    }
    if (!Files.isRegularFile(absolute)) {
      throw SecretErrors.error(
          SecretCodes.MODULE_LIBRARY_MISSING,
          "pkcs#11 library `" + library + "` does not exist",
          "install the token's middleware (for SoftHSM2: the `softhsm2` package, library"
              + " /usr/lib/softhsm/libsofthsm2.so) or fix the `library` setting");
    }
    try {
      module = Module.getInstance(key);
      module.initialize(new DefaultInitializeArgs());
    } catch (IOException e) {
      throw notALibrary(library);
    } catch (TokenException e) {
      if (Pkcs11Errors.code(e) != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        if (e.getEncapsulatedException() instanceof IOException || Pkcs11Errors.code(e) == -1) {
          throw notALibrary(library);
        }
        throw SecretErrors.error(
            SecretCodes.TOKEN_ERROR,
            "pkcs#11 " + Pkcs11Errors.name(e) + " while initializing `" + library + "`",
            null);
      }
    }
    LOADED.put(key, module);
    return module;
  }

  private static RuntimeException notALibrary(Path library) {
    return SecretErrors.error(
        SecretCodes.MODULE_LIBRARY_MISSING,
        "`" + library + "` cannot be loaded as a pkcs#11 library",
        "point `library` at the token vendor's PKCS#11 module (a shared library exporting"
            + " C_GetFunctionList)");
  }

  /** Fails with a coded error when the JVM does not let the wrapper reach the JDK's PKCS#11. */
  static void checkAccess() {
    Optional<java.lang.Module> jdk = ModuleLayer.boot().findModule(JDK_MODULE);
    java.lang.Module wrapper = Module.class.getModule();
    if (jdk.isEmpty() || !jdk.get().isExported(JDK_PACKAGE, wrapper)) {
      throw SecretErrors.error(
          SecretCodes.PKCS11_NOT_ENABLED,
          "this jvm does not give the pkcs#11 wrapper access to `" + JDK_MODULE + "`",
          "start java with --add-exports="
              + JDK_MODULE
              + "/"
              + JDK_PACKAGE
              + "=ALL-UNNAMED (for ./mosaic, put it in MOSAIC_JAVA_OPTS)");
    }
  }
}
