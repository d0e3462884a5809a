package dev.mosaic.plan;

import java.util.Objects;

/**
 * An imported or exported function. For exports {@code module} is empty.
 *
 * @param module import module name ({@link Capabilities#MODULE} for host capabilities)
 * @param name field name
 * @param type the core wasm function type
 */
public record FunctionDecl(String module, String name, FuncType type) {
  public FunctionDecl {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** True when this import names a host capability rather than another component. */
  public boolean isCapability() {
    return Capabilities.MODULE.equals(module);
  }

  /** True when this import is a WASI preview 1 function ({@link Capabilities#WASI_MODULE}). */
  public boolean isWasi() {
    return Capabilities.WASI_MODULE.equals(module);
  }

  /**
   * The capability this import needs: {@link Capabilities#capabilityOf} of its name for a host
   * capability, {@link Capabilities#wasiCapabilityOf} for WASI ({@code null} for WASI functions
   * that need no grant), {@code null} for a bound import.
   */
  public String capability() {
    if (isCapability()) {
      return Capabilities.capabilityOf(name);
    }
    return isWasi() ? Capabilities.wasiCapabilityOf(name) : null;
  }

  /**
   * Whether this import makes the host ask the policy for {@code capability} at run time: its own
   * capability, and for WASI also {@code files} (pre-opened directories, every file access) and
   * {@code log} (standard output and error).
   */
  public boolean asksFor(String capability) {
    return capability.equals(capability())
        || (isWasi()
            && (capability.equals(Capabilities.WASI_CAPABILITY) || capability.equals("log")));
  }
}
