package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * {@code allow|deny target capability "pattern"...}.
 *
 * @param allow true for allow, false for deny
 * @param target component name or {@code *}
 * @param capability capability name
 * @param patterns parameter patterns, unquoted
 * @param span the whole rule
 * @param targetSpan the target
 * @param capabilitySpan the capability
 */
public record RuleDecl(
    boolean allow,
    String target,
    String capability,
    List<String> patterns,
    Span span,
    Span targetSpan,
    Span capabilitySpan)
    implements Node {
  public RuleDecl {
    patterns = List.copyOf(patterns);
  }
}
