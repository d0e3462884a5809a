package dev.mosaic.interpreter.run;

import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.interpreter.compiler.Located;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Runs a script's statements against an instantiated composition. */
public final class ScriptRunner {
  private final Composition composition;
  private final Consumer<String> out;
  private final String file;
  private final Map<String, Object> variables;

  public ScriptRunner(Composition composition, Consumer<String> out, String file) {
    this(composition, out, file, new HashMap<>());
  }

  /**
   * A runner whose {@code let} variables live in {@code variables}, owned by the caller, so they
   * outlive the composition when an interactive session re-instantiates a changed plan.
   */
  public ScriptRunner(
      Composition composition, Consumer<String> out, String file, Map<String, Object> variables) {
    this.composition = Objects.requireNonNull(composition);
    this.out = Objects.requireNonNull(out);
    this.file = Objects.requireNonNull(file);
    this.variables = Objects.requireNonNull(variables);
  }

  /** Runs statements in order; returns the value of the last one, or {@code null}. */
  public Object run(List<Located> statements) {
    Object last = null;
    for (Located located : statements) {
      last =
          switch (located.item()) {
            case Item.Print p -> {
              Object v = eval(p.expr());
              out.accept(show(v));
              yield v;
            }
            case Item.Let l -> {
              Object v = eval(l.expr());
              variables.put(l.name(), v);
              yield v;
            }
            case Item.Eval e -> eval(e.expr());
            case Item.Assert a -> {
              check(located.file(), a);
              yield null;
            }
            default -> null;
          };
    }
    return last;
  }

  private Object eval(Expr expr) {
    return switch (expr) {
      case Expr.IntLit i -> i.value();
      case Expr.FloatLit f -> f.value();
      case Expr.BoolLit b -> b.value();
      case Expr.StringLit s -> s.value();
      case Expr.Name n -> {
        if (!variables.containsKey(n.name())) {
          throw new MosaicException(
              new Diagnostic(
                  LangCodes.UNKNOWN_NAME,
                  "unknown name `" + n.name() + "`",
                  new SourceLocation(file, n.span().line(), n.span().column(), n.span().length()),
                  Suggest.help(n.name(), variables.keySet())));
        }
        yield variables.get(n.name());
      }
      case Expr.Call c -> {
        List<Object> args = new ArrayList<>();
        for (Expr a : c.args()) {
          args.add(eval(a));
        }
        try {
          yield composition.call(c.component(), c.function(), args);
        } catch (MosaicException e) {
          throw HostCodes.BAD_CALL.equals(e.code()) ? located(e, c.span()) : e;
        }
      }
    };
  }

  /**
   * An argument the host refused at run time (a value out of its parameter's range, a fraction for
   * an integer), placed at the call so the user sees which statement passed it.
   */
  private MosaicException located(MosaicException e, Span span) {
    List<Diagnostic> placed = new ArrayList<>();
    for (Diagnostic d : e.diagnostics()) {
      placed.add(
          d.location().isKnown()
              ? d
              : new Diagnostic(
                  d.code(),
                  d.message(),
                  new SourceLocation(file, span.line(), span.column(), span.length()),
                  d.help()));
    }
    MosaicException out = new MosaicException(placed);
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  private void check(String file, Item.Assert a) {
    Object left = eval(a.left());
    boolean holds;
    String what;
    if (a.right() == null) {
      holds = Boolean.TRUE.equals(left);
      what = "assertion failed: got " + show(left);
    } else {
      Object right = eval(a.right());
      holds = same(left, right) == a.equals();
      what =
          "assertion failed: " + show(left) + (a.equals() ? " is not " : " equals ") + show(right);
    }
    if (!holds) {
      throw new MosaicException(
          new Diagnostic(
              LangCodes.ASSERTION_FAILED,
              a.message() != null ? what + ": " + a.message() : what,
              new SourceLocation(file, a.span().line(), a.span().column(), a.span().length()),
              null));
    }
  }

  /** Equality across the number types guests return (Integer, Long, Float, Double). */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      boolean integral =
          !(x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float);
      return integral ? x.longValue() == y.longValue() : x.doubleValue() == y.doubleValue();
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return java.util.Objects.equals(a, b);
  }

  /** A value as {@code print} shows it: bytes in hex ({@code 0x...}), nothing as {@code ()}. */
  public static String show(Object v) {
    return switch (v) {
      case null -> "()";
      case byte[] b -> "0x" + HexFormat.of().formatHex(b);
      default -> v.toString();
    };
  }
}
