package dev.mosaic.dsl.ast;

import java.util.List;

/**
 * {@code allow|deny target capability "param", ... when condition and ...}.
 *
 * @param allow true for allow, false for deny
 * @param target component name or {@code *}
 * @param capability capability name
 * @param patterns parameter patterns, unquoted
 * @param conditions conditions that must all hold for the rule to apply
 * @param span the whole rule
 * @param targetSpan the target
 * @param capabilitySpan the capability
 * @param patternSpans the span of each pattern, quotes included
 */
public record RuleDecl(
    boolean allow,
    String target,
    String capability,
    List<String> patterns,
    List<Condition> conditions,
    Span span,
    Span targetSpan,
    Span capabilitySpan,
    List<Span> patternSpans)
    implements Node {
  public RuleDecl {
    patterns = List.copyOf(patterns);
    conditions = List.copyOf(conditions);
    patternSpans = List.copyOf(patternSpans);
  }
}
