package dev.mosaic.host.abi;

import dev.mosaic.host.HostCodes;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code mosaic.abi} custom section of a module: one line per export whose parameters or result
 * are strings or bytes, {@code name: kind, kind -> kind}. Exports without a line take and return
 * numbers only. See docs/guest-abi.md.
 *
 * <p>Thread-safety: immutable once parsed.
 */
public final class AbiDeclarations {
  /** Name of the custom section that carries the declarations. */
  public static final String SECTION = "mosaic.abi";

  /** Longest section accepted, to bound parsing work on hostile input. */
  static final int MAX_SECTION_BYTES = 64 * 1024;

  private final Map<String, AbiSignature> signatures;

  private AbiDeclarations(Map<String, AbiSignature> signatures) {
    this.signatures = Map.copyOf(signatures);
  }

  /** No declarations: every export is numeric. */
  public static AbiDeclarations none() {
    return new AbiDeclarations(Map.of());
  }

  /**
   * Parses a section's text and checks each declaration against the export's core type.
   *
   * @throws MosaicException E9007 when a line is malformed, names no export, or does not lower to
   *     the export's core type
   */
  public static AbiDeclarations parse(
      String component, byte[] section, List<FunctionDecl> exports) {
    if (section.length > MAX_SECTION_BYTES) {
      throw bad(component, "section is " + section.length + " bytes, over " + MAX_SECTION_BYTES);
    }
    Map<String, AbiSignature> out = new HashMap<>();
    String text = new String(section, StandardCharsets.UTF_8);
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      int arrow = line.indexOf("->");
      if (colon < 1 || arrow < colon) {
        throw bad(component, "malformed line `" + clip(line) + "`");
      }
      String name = line.substring(0, colon).strip();
      List<AbiKind> params = new ArrayList<>();
      String paramText = line.substring(colon + 1, arrow).strip();
      if (!paramText.isEmpty()) {
        for (String p : paramText.split(",")) {
          params.add(kind(component, p.strip()));
        }
      }
      String resultText = line.substring(arrow + 2).strip();
      AbiKind result = resultText.isEmpty() ? null : kind(component, resultText);
      AbiSignature sig = new AbiSignature(params, result);
      FunctionDecl export =
          exports.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
      if (export == null) {
        throw bad(component, "declares `" + clip(name) + "`, which the module does not export");
      }
      if (!sig.lower().equals(export.type())) {
        throw bad(
            component,
            "`"
                + name
                + ": "
                + sig
                + "` lowers to "
                + sig.lower()
                + " but the export has "
                + export.type());
      }
      out.put(name, sig);
    }
    return new AbiDeclarations(out);
  }

  /** The declared signature of an export, or its numeric signature from the core type. */
  public AbiSignature signatureOf(FunctionDecl export) {
    AbiSignature declared = signatures.get(export.name());
    return declared != null ? declared : AbiSignature.numeric(export.type());
  }

  /** The declared signatures, by export name. */
  public Map<String, AbiSignature> declared() {
    return signatures;
  }

  public boolean usesMemory() {
    return signatures.values().stream().anyMatch(AbiSignature::usesMemory);
  }

  private static AbiKind kind(String component, String text) {
    AbiKind k = AbiKind.parse(text);
    if (k == null) {
      throw bad(component, "unknown kind `" + clip(text) + "`");
    }
    return k;
  }

  private static MosaicException bad(String component, String what) {
    return new MosaicException(
        Diagnostic.of(HostCodes.ABI, "`" + SECTION + "` of component `" + component + "`: " + what)
            .withHelp(
                "each line reads `name: kind, kind -> kind` with kinds i32 i64 f32 f64 string"
                    + " bytes; see docs/guest-abi.md"));
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
