package dev.mosaic.plan;

import java.util.List;

/**
 * The WIT-level imports and exports of a component whose blob is a WebAssembly component: what
 * {@code inspect}, {@code --reach}, {@code explain} and the audit name. Each entry is an interface
 * name with one of its functions ({@code mosaic:calc/ops@0.1.0#add}, as {@code jco} and {@code
 * Composition.call} name them) or a function of the world itself ({@code run}), in the order of the
 * component's world.
 *
 * @param imports what the component asks of its host or of other components
 * @param exports what it offers
 */
public record WitWorld(List<String> imports, List<String> exports) {
  /** A core module's: it has no WIT world. */
  public static final WitWorld NONE = new WitWorld(List.of(), List.of());

  public WitWorld {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /** True for {@link #NONE}: the plan leaves {@code wit} out. */
  public boolean isEmpty() {
    return imports.isEmpty() && exports.isEmpty();
  }

  /**
   * The capability a WIT import asks for, by its interface's name: {@code wasi:cli/stdout} and
   * {@code wasi:cli/stderr} write to {@code log}, {@code wasi:clocks/*} read the {@code clock},
   * {@code wasi:random/*} is {@code random}, {@code wasi:filesystem/*} is {@code files}; null for
   * anything else (an interface another component provides through a binding).
   */
  public static String capabilityOf(String entry) {
    String iface = interfaceOf(entry);
    if (iface == null || !iface.startsWith("wasi:")) {
      return null;
    }
    int at = iface.indexOf('@');
    String name = at < 0 ? iface : iface.substring(0, at);
    return switch (name) {
      case "wasi:cli/stdout", "wasi:cli/stderr" -> "log";
      default -> {
        if (name.startsWith("wasi:clocks/")) {
          yield "clock";
        } else if (name.startsWith("wasi:random/")) {
          yield "random";
        } else if (name.startsWith("wasi:filesystem/")) {
          yield "files";
        }
        yield null;
      }
    };
  }

  /** The imports that ask for {@code capability}, in order. */
  public List<String> asking(String capability) {
    return imports.stream().filter(e -> capability.equals(capabilityOf(e))).toList();
  }

  /** The interface part of an entry, {@code ns:pkg/iface@1.0.0}, or null for a world function. */
  public static String interfaceOf(String entry) {
    int hash = entry.indexOf('#');
    return hash < 0 ? null : entry.substring(0, hash);
  }
}
