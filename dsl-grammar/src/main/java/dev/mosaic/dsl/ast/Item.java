package dev.mosaic.dsl.ast;

import java.util.List;

/** A top-level declaration or statement. */
public sealed interface Item extends Node {

  /**
   * {@code tenant "name" { limits }}.
   *
   * @param name tenant name, unquoted
   * @param limits limits in source order
   * @param span the whole declaration
   * @param nameSpan the quoted name
   */
  record Tenant(String name, List<LimitDecl> limits, Span span, Span nameSpan) implements Item {
    public Tenant {
      limits = List.copyOf(limits);
    }

    /** A tenant whose name is located at the declaration. */
    public Tenant(String name, List<LimitDecl> limits, Span span) {
      this(name, limits, span, span);
    }
  }

  /**
   * {@code interface name { records and functions }}.
   *
   * @param name interface name
   * @param records record types in source order
   * @param functions functions in source order
   * @param span the whole declaration
   * @param nameSpan the name
   */
  record Interface(
      String name, List<RecordDef> records, List<FuncDef> functions, Span span, Span nameSpan)
      implements Item {
    public Interface {
      records = List.copyOf(records);
      functions = List.copyOf(functions);
    }
  }

  /**
   * {@code component name from "path.wasm"} or {@code from sha256:...}, optionally {@code signed by
   * "key"} and {@code implements iface}.
   *
   * @param name component name
   * @param source path or digest as written (path unquoted)
   * @param byDigest true when {@code source} is a digest
   * @param signedBy the signer the blob's signature must come from, or {@code null}
   * @param implementsInterface the declared interface, or {@code null}
   * @param span the whole declaration
   * @param nameSpan the name
   * @param interfaceSpan the interface name, or {@link Span#NONE}
   */
  record Component(
      String name,
      String source,
      boolean byDigest,
      String signedBy,
      String implementsInterface,
      Span span,
      Span nameSpan,
      Span interfaceSpan)
      implements Item {}

  /**
   * {@code bind importer.module.field -> exporter.export} (one function), {@code bind
   * importer.module: iface -> exporter} (every import of the module) or {@code bind
   * importer."ns:pkg/iface@1.0.0" -> exporter} (a component's imported WIT interface, to the
   * exporter's export of that name or of the name after {@code exporter.}).
   *
   * @param importer component that imports
   * @param module import module
   * @param field import field, or {@code null} for a module binding
   * @param expectedInterface interface the importer expects, or {@code null}
   * @param exporter component that exports
   * @param export export name, or {@code null} for a module binding
   * @param span the whole declaration
   * @param importerSpan the importer name
   * @param exporterSpan the exporter name
   * @param interfaceSpan the expected interface, or {@link Span#NONE}
   * @param moduleSpan the import module
   * @param fieldSpan the import field, or {@link Span#NONE}
   * @param exportSpan the export name, or {@link Span#NONE}
   * @param byInterface whether the import is a WIT interface named in quotes ({@code
   *     app."ns:pkg/iface"}), bound as a whole; {@code module} is then the interface name and
   *     {@code export}, when given, the exporter's interface name
   */
  record Bind(
      String importer,
      String module,
      String field,
      String expectedInterface,
      String exporter,
      String export,
      Span span,
      Span importerSpan,
      Span exporterSpan,
      Span interfaceSpan,
      Span moduleSpan,
      Span fieldSpan,
      Span exportSpan,
      boolean byInterface)
      implements Item {}

  /**
   * {@code policy { rules }}.
   *
   * @param rules {@code allow} and {@code deny} rules, in order
   * @param signatures {@code require signature} rules, in order
   * @param span the block
   */
  record Policy(List<RuleDecl> rules, List<SignatureRule> signatures, Span span) implements Item {
    public Policy {
      rules = List.copyOf(rules);
      signatures = List.copyOf(signatures);
    }

    /** A policy without signature rules. */
    public Policy(List<RuleDecl> rules, Span span) {
      this(rules, List.of(), span);
    }
  }

  /** {@code export component.function}. */
  record Export(String component, String function, Span span, Span componentSpan, Span functionSpan)
      implements Item {}

  /** {@code print expr}. */
  record Print(Expr expr, Span span) implements Item {}

  /** {@code let name = expr}. */
  record Let(String name, Expr expr, Span span, Span nameSpan) implements Item {}

  /**
   * {@code assert expr}, {@code assert a == b} or {@code assert a != b}, with an optional message.
   *
   * @param left the value, or the left side of a comparison
   * @param equals for a comparison: true for {@code ==}, false for {@code !=}
   * @param right the right side, or {@code null} when the statement asserts {@code left} is true
   * @param message text shown when the assertion fails, or {@code null}
   * @param span the whole statement
   */
  record Assert(Expr left, boolean equals, Expr right, String message, Span span) implements Item {}

  /** {@code load "other.mosaic"}: the other file's items, in place, resolved from this file. */
  record Load(String path, Span span) implements Item {}

  /** An expression evaluated for its effect. */
  record Eval(Expr expr, Span span) implements Item {}
}
