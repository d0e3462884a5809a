package dev.mosaic.interpreter.model;

import dev.mosaic.interpreter.compiler.Canonicalizer;
import java.util.List;
import java.util.Optional;

/**
 * A checked interface: its functions with resolved types, its canonical text and the digest of that
 * text. Two interfaces with the same digest are interchangeable at a binding.
 *
 * @param name declared name
 * @param functions functions in declaration order
 * @param canonical canonical text, see {@link Canonicalizer}
 * @param digest {@code sha256:<hex>} of the canonical text in UTF-8
 */
public record InterfaceModel(
    String name, List<Function> functions, String canonical, String digest) {
  public InterfaceModel {
    functions = List.copyOf(functions);
  }

  /** The function of that name, if any. */
  public Optional<Function> function(String functionName) {
    return functions.stream().filter(f -> f.name().equals(functionName)).findFirst();
  }

  /**
   * One function of an interface.
   *
   * @param name function name
   * @param params parameters in order
   * @param result result type, or {@code null} for none
   */
  public record Function(String name, List<WitType.Field> params, WitType result) {
    public Function {
      params = List.copyOf(params);
    }
  }
}
