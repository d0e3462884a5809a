package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.interpreter.model.WitType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical text of an interface, so that two spellings of the same interface compare equal.
 *
 * <p>What is kept: function names, parameter and result types in order, record field names and
 * types in order. What is dropped: the interface's own name, parameter names (they are positional
 * at the ABI), record names, comments, whitespace, trailing commas and semicolons, and the order of
 * functions. The text is itself valid Mosaic, so canonicalizing it again gives the same text:
 *
 * <pre>
 * interface _ {
 *   record r0 { x: f64, y: f64 }
 *   area: func(p0: r0) -> f64;
 * }
 * </pre>
 *
 * Records are renamed {@code r0, r1, ...} in order of first use, walking the functions sorted by
 * name; structurally equal records share one name.
 */
public final class Canonicalizer {
  private Canonicalizer() {}

  /** The canonical text of these functions. */
  public static String canonicalText(List<InterfaceModel.Function> functions) {
    List<InterfaceModel.Function> sorted = new ArrayList<>(functions);
    sorted.sort(Comparator.comparing(InterfaceModel.Function::name));
    Naming naming = new Naming();
    List<String> lines = new ArrayList<>();
    for (InterfaceModel.Function f : sorted) {
      StringBuilder line = new StringBuilder("  ").append(f.name()).append(": func(");
      for (int i = 0; i < f.params().size(); i++) {
        if (i > 0) {
          line.append(", ");
        }
        line.append('p').append(i).append(": ").append(naming.type(f.params().get(i).type()));
      }
      line.append(')');
      if (f.result() != null) {
        line.append(" -> ").append(naming.type(f.result()));
      }
      lines.add(line.append(';').toString());
    }
    StringBuilder out = new StringBuilder("interface _ {\n");
    naming.definitions.values().forEach(d -> out.append("  ").append(d).append('\n'));
    lines.forEach(l -> out.append(l).append('\n'));
    return out.append("}\n").toString();
  }

  /** {@code sha256:<hex>} of the canonical text. */
  public static String digest(String canonicalText) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalText.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Builds an interface model with its canonical text and digest. */
  public static InterfaceModel model(String name, List<InterfaceModel.Function> functions) {
    String text = canonicalText(functions);
    return new InterfaceModel(name, functions, text, digest(text));
  }

  /** Assigns record names by structure, in order of first use. */
  private static final class Naming {
    // Structural key (fields spelled with canonical names) -> record definition line.
    private final Map<String, String> definitions = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<WitType.Record, String> seen = new IdentityHashMap<>();

    String type(WitType t) {
      return switch (t) {
        case WitType.Primitive p -> p.name();
        case WitType.ListOf l -> "list<" + type(l.element()) + ">";
        case WitType.Record r -> record(r);
      };
    }

    private String record(WitType.Record r) {
      String known = seen.get(r);
      if (known != null) {
        return known;
      }
      List<String> fields = new ArrayList<>();
      for (WitType.Field f : r.fields()) {
        fields.add(f.name() + ": " + type(f.type()));
      }
      String key = String.join(", ", fields);
      String name = names.get(key);
      if (name == null) {
        name = "r" + names.size();
        names.put(key, name);
        definitions.put(key, "record " + name + (key.isEmpty() ? " {}" : " { " + key + " }"));
      }
      seen.put(r, name);
      return name;
    }
  }
}
