package dev.mosaic.dsl.ast;

import java.util.List;

/** A top-level declaration or statement. */
public sealed interface Item extends Node {

  /** {@code tenant "name" { limits }}. */
  record Tenant(String name, List<LimitDecl> limits, Span span) implements Item {
    public Tenant {
      limits = List.copyOf(limits);
    }
  }

  /** {@code component name from "path.wasm"} or {@code from sha256:...}. */
  record Component(String name, String source, boolean byDigest, Span span, Span nameSpan)
      implements Item {}

  /** {@code bind importer.module.field -> exporter.export}. */
  record Bind(
      String importer,
      String module,
      String field,
      String exporter,
      String export,
      Span span,
      Span importerSpan,
      Span exporterSpan)
      implements Item {}

  /** {@code policy { rules }}. */
  record Policy(List<RuleDecl> rules, Span span) implements Item {
    public Policy {
      rules = List.copyOf(rules);
    }
  }

  /** {@code export component.function}. */
  record Export(String component, String function, Span span) implements Item {}

  /** {@code print expr}. */
  record Print(Expr expr, Span span) implements Item {}

  /** {@code let name = expr}. */
  record Let(String name, Expr expr, Span span) implements Item {}

  /** An expression evaluated for its effect. */
  record Eval(Expr expr, Span span) implements Item {}
}
