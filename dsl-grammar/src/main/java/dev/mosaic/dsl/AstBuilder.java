package dev.mosaic.dsl;

import dev.mosaic.dsl.ast.Condition;
import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.FieldDef;
import dev.mosaic.dsl.ast.FuncDef;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.LimitDecl;
import dev.mosaic.dsl.ast.RecordDef;
import dev.mosaic.dsl.ast.RuleDecl;
import dev.mosaic.dsl.ast.Script;
import dev.mosaic.dsl.ast.SignatureRule;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.dsl.ast.TypeRef;
import dev.mosaic.dsl.grammar.MosaicParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds AST records from a parse tree that had no syntax errors, and reports the literals that
 * parse but cannot be represented: numbers that do not fit in 64 bits.
 */
final class AstBuilder {
  private final String file;
  private final List<SyntaxError> errors = new ArrayList<>();

  AstBuilder(String file) {
    this.file = file;
  }

  /** Literals found while building that do not fit, in source order. */
  List<SyntaxError> errors() {
    return errors;
  }

  Script script(MosaicParser.ScriptContext ctx) {
    int version =
        ctx.versionDecl() == null
            ? 0
            // A number too large for an int is an unsupported version, not a crash.
            : (int) Math.min(Integer.MAX_VALUE, clamped(ctx.versionDecl().INT().getText()));
    List<Item> items = new ArrayList<>();
    for (MosaicParser.ItemContext item : ctx.item()) {
      items.add(item(item));
    }
    return new Script(
        file,
        version,
        items,
        span(ctx),
        ctx.versionDecl() == null ? Span.NONE : span(ctx.versionDecl()));
  }

  private Item item(MosaicParser.ItemContext ctx) {
    if (ctx.tenantDecl() != null) {
      MosaicParser.TenantDeclContext t = ctx.tenantDecl();
      List<LimitDecl> limits = new ArrayList<>();
      for (MosaicParser.LimitDeclContext l : t.limitDecl()) {
        Long amount = number(l.INT().getText(), false);
        if (amount == null) {
          errors.add(
              new SyntaxError(
                  SyntaxError.LIMIT_TOO_LARGE,
                  "`"
                      + l.name.getText()
                      + "` of "
                      + MessageText.clip(l.INT().getText())
                      + " does not fit in 64 bits",
                  span(l.INT().getSymbol())));
          amount = Long.MAX_VALUE;
        }
        limits.add(
            new LimitDecl(
                l.name.getText(), amount, l.unit == null ? "" : l.unit.getText(), span(l)));
      }
      return new Item.Tenant(
          unquote(t.STRING().getText()), limits, span(t), span(t.STRING().getSymbol()));
    }
    if (ctx.interfaceDecl() != null) {
      return iface(ctx.interfaceDecl());
    }
    if (ctx.componentDecl() != null) {
      MosaicParser.ComponentDeclContext c = ctx.componentDecl();
      boolean digest = c.source.getType() == MosaicParser.DIGEST;
      String source = digest ? c.source.getText() : unquote(c.source.getText());
      return new Item.Component(
          c.name.getText(),
          source,
          digest,
          c.signer == null ? null : unquote(c.signer.getText()),
          c.iface == null ? null : c.iface.getText(),
          span(c),
          span(c.name),
          c.iface == null ? Span.NONE : span(c.iface));
    }
    if (ctx.bindDecl() != null) {
      MosaicParser.BindDeclContext b = ctx.bindDecl();
      Token module = b.witImport != null ? b.witImport : b.module;
      Token export = b.witExport != null ? b.witExport : b.export;
      return new Item.Bind(
          b.importer.getText(),
          b.witImport != null ? unquote(b.witImport.getText()) : b.module.getText(),
          b.field == null ? null : b.field.getText(),
          b.iface == null ? null : b.iface.getText(),
          b.exporter.getText(),
          export == null
              ? null
              : b.witExport != null ? unquote(b.witExport.getText()) : export.getText(),
          span(b),
          span(b.importer),
          span(b.exporter),
          b.iface == null ? Span.NONE : span(b.iface),
          span(module),
          b.field == null ? Span.NONE : span(b.field),
          export == null ? Span.NONE : span(export),
          b.witImport != null);
    }
    if (ctx.policyDecl() != null) {
      List<RuleDecl> rules = new ArrayList<>();
      for (MosaicParser.RuleDeclContext r : ctx.policyDecl().ruleDecl()) {
        List<Condition> conditions = new ArrayList<>();
        for (MosaicParser.ConditionContext c : r.condition()) {
          conditions.add(
              new Condition(
                  c.subject.getText(),
                  c.op.getType() == MosaicParser.EQ,
                  unquote(c.value.getText()),
                  span(c),
                  span(c.subject)));
        }
        rules.add(
            new RuleDecl(
                r.effect.getType() == MosaicParser.ALLOW,
                r.target.getText(),
                r.capability.getText(),
                r.STRING().stream().map(s -> unquote(s.getText())).toList(),
                conditions,
                span(r),
                span(r.target),
                span(r.capability),
                r.STRING().stream().map(s -> span(s.getSymbol())).toList()));
      }
      List<SignatureRule> signatures = new ArrayList<>();
      for (MosaicParser.RequireDeclContext r : ctx.policyDecl().requireDecl()) {
        signatures.add(
            new SignatureRule(
                r.verifiers.stream().map(Token::getText).toList(),
                r.targets.stream().map(Token::getText).toList(),
                r.all != null,
                span(r),
                r.targets.stream().map(AstBuilder::span).toList()));
      }
      return new Item.Policy(rules, signatures, span(ctx.policyDecl()));
    }
    if (ctx.exportDecl() != null) {
      MosaicParser.ExportDeclContext e = ctx.exportDecl();
      return new Item.Export(
          e.component.getText(),
          e.function.getType() == MosaicParser.STRING
              ? unquote(e.function.getText())
              : e.function.getText(),
          span(e),
          span(e.component),
          span(e.function));
    }
    return statement(ctx.statement());
  }

  private Item.Interface iface(MosaicParser.InterfaceDeclContext ctx) {
    List<RecordDef> records = new ArrayList<>();
    List<FuncDef> functions = new ArrayList<>();
    for (MosaicParser.InterfaceMemberContext m : ctx.interfaceMember()) {
      if (m.recordDef() != null) {
        MosaicParser.RecordDefContext r = m.recordDef();
        records.add(
            new RecordDef(
                r.name.getText(), r.fieldDef().stream().map(this::field).toList(), span(r)));
      } else {
        MosaicParser.FuncDefContext f = m.funcDef();
        functions.add(
            new FuncDef(
                f.name.getText(),
                f.fieldDef().stream().map(this::field).toList(),
                f.typeRef() == null ? null : type(f.typeRef()),
                span(f)));
      }
    }
    return new Item.Interface(ctx.name.getText(), records, functions, span(ctx), span(ctx.name));
  }

  private FieldDef field(MosaicParser.FieldDefContext ctx) {
    return new FieldDef(ctx.name.getText(), type(ctx.typeRef()), span(ctx));
  }

  private TypeRef type(MosaicParser.TypeRefContext ctx) {
    // Nesting is bounded by ScriptParser's depth check before the tree is built.
    return switch (ctx) {
      case MosaicParser.ListTypeContext l -> new TypeRef.ListOf(type(l.typeRef()), span(l));
      case MosaicParser.NamedTypeContext n -> new TypeRef.Named(n.name.getText(), span(n));
      default -> throw new IllegalStateException("unknown type " + ctx.getClass());
    };
  }

  private Item statement(MosaicParser.StatementContext ctx) {
    return switch (ctx) {
      case MosaicParser.PrintStmtContext p -> new Item.Print(expr(p.expr()), span(p));
      case MosaicParser.LetStmtContext l ->
          new Item.Let(l.IDENT().getText(), expr(l.expr()), span(l), span(l.IDENT().getSymbol()));
      case MosaicParser.AssertStmtContext a ->
          new Item.Assert(
              expr(a.expr(0)),
              a.op == null || a.op.getType() == MosaicParser.EQ,
              a.expr().size() > 1 ? expr(a.expr(1)) : null,
              a.STRING() == null ? null : unquote(a.STRING().getText()),
              span(a));
      case MosaicParser.LoadStmtContext l -> new Item.Load(unquote(l.STRING().getText()), span(l));
      case MosaicParser.ExprStmtContext e -> new Item.Eval(expr(e.expr()), span(e));
      default -> throw new IllegalStateException("unknown statement " + ctx.getClass());
    };
  }

  private Expr expr(MosaicParser.ExprContext ctx) {
    return switch (ctx) {
      case MosaicParser.CallExprContext c ->
          new Expr.Call(
              c.component.getText(),
              c.function.getType() == MosaicParser.STRING
                  ? unquote(c.function.getText())
                  : c.function.getText(),
              c.expr().stream().map(this::expr).toList(),
              span(c),
              span(c.component),
              span(c.function));
      case MosaicParser.ParenExprContext p -> expr(p.expr());
      case MosaicParser.IntExprContext i -> {
        Long v = number(i.INT().getText(), i.MINUS() != null);
        if (v == null) {
          errors.add(
              new SyntaxError(
                  SyntaxError.NUMBER_TOO_LARGE,
                  "integer `"
                      + (i.MINUS() != null ? "-" : "")
                      + MessageText.clip(i.INT().getText())
                      + "` does not fit in 64 bits",
                  span(i)));
          v = 0L;
        }
        yield new Expr.IntLit(v, span(i));
      }
      case MosaicParser.FloatExprContext f -> {
        double v = Double.parseDouble(f.FLOAT().getText());
        if (Double.isInfinite(v)) {
          errors.add(
              new SyntaxError(
                  SyntaxError.NUMBER_TOO_LARGE,
                  "number `"
                      + MessageText.clip(f.FLOAT().getText())
                      + "` is too large for a 64-bit float",
                  span(f)));
          v = 0;
        }
        yield new Expr.FloatLit(f.MINUS() != null ? -v : v, span(f));
      }
      case MosaicParser.StringExprContext s ->
          new Expr.StringLit(unquote(s.STRING().getText()), span(s));
      case MosaicParser.BoolExprContext b ->
          new Expr.BoolLit(b.value.getType() == MosaicParser.TRUE, span(b));
      case MosaicParser.NameExprContext n -> new Expr.Name(n.IDENT().getText(), span(n));
      case MosaicParser.WaveExprContext w ->
          new Expr.Wave(
              w.getStart()
                  .getInputStream()
                  .getText(
                      org.antlr.v4.runtime.misc.Interval.of(
                          w.getStart().getStartIndex(), w.getStop().getStopIndex())),
              span(w));
      default -> throw new IllegalStateException("unknown expression " + ctx.getClass());
    };
  }

  /** The value of decimal digits, negated when {@code negative}; null when it does not fit. */
  private static Long number(String digits, boolean negative) {
    try {
      return Long.parseLong(negative ? "-" + digits : digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long clamped(String digits) {
    Long v = number(digits, false);
    return v == null ? Long.MAX_VALUE : v;
  }

  static String unquote(String literal) {
    StringBuilder out = new StringBuilder(literal.length());
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        char n = literal.charAt(++i);
        out.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              // `"` and `\`: Lexical has rejected every other escape.
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    int length = 1;
    if (stop != null
        && stop.getLine() == start.getLine()
        && stop.getStopIndex() >= start.getStartIndex()) {
      length = stop.getStopIndex() - start.getStartIndex() + 1;
    } else if (start.getText() != null) {
      length = Math.max(1, start.getText().length());
    }
    return new Span(start.getLine(), start.getCharPositionInLine() + 1, length);
  }

  private static Span span(Token token) {
    return new Span(
        token.getLine(),
        token.getCharPositionInLine() + 1,
        Math.max(1, token.getText() == null ? 1 : token.getText().length()));
  }
}
