package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * {@code require signature cosign, pgp for vault, app} (or {@code for *}) in a policy block.
 *
 * @param verifiers the verifiers that may check the signature, in order
 * @param components the components it applies to; empty when {@code all}
 * @param all whether it applies to every component ({@code for *})
 * @param span the rule
 * @param componentSpans the span of each name in {@code components}
 */
public record SignatureRule(
    List<String> verifiers,
    List<String> components,
    boolean all,
    Span span,
    List<Span> componentSpans) {
  public SignatureRule {
    verifiers = List.copyOf(verifiers);
    components = List.copyOf(components);
    componentSpans = List.copyOf(componentSpans);
  }
}
