package dev.mosaic.interpreter.run;

import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.Composition;
import dev.mosaic.host.HostCodes;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.host.component.WitType;
import dev.mosaic.interpreter.compiler.Located;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.wit.Wave;
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
        FuncSig sig = composition.witSignature(c.component(), c.function());
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
          Expr a = c.args().get(i);
          WitType type = sig != null && i < sig.params().size() ? sig.params().get(i).type() : null;
          String wave = type == null ? null : waveText(a, type);
          Object v;
          try {
            v = wave != null ? Wave.parse(wave, type) : eval(a);
          } catch (MosaicException e) {
            throw located(e, a.span());
          }
          args.add(v instanceof WaveValue w ? argument(w, type, a.span()) : v);
        }
        Object result;
        try {
          result = composition.call(c.component(), c.function(), args);
        } catch (MosaicException e) {
          throw HostCodes.BAD_CALL.equals(e.code()) ? located(e, c.span()) : e;
        }
        yield sig == null || sig.result() == null || sig.result() instanceof Primitive
            ? result
            : new WaveValue(result, sig.result());
      }
      case Expr.Wave w ->
          throw new MosaicException(
              new Diagnostic(
                  LangCodes.TYPE_MISMATCH,
                  "a compound value `"
                      + w.text()
                      + "` is written only as an argument of a"
                      + " component's function",
                  new SourceLocation(file, w.span().line(), w.span().column(), w.span().length()),
                  null));
    };
  }

  /**
   * The WAVE text of an argument typed {@code type}: a compound literal's source, or a name no
   * variable holds passed where a compound value goes ({@code none}, an enum case); else null.
   */
  private String waveText(Expr a, WitType type) {
    if (a instanceof Expr.Wave w) {
      return w.text();
    }
    if (a instanceof Expr.Name n
        && !(type instanceof Primitive)
        && !variables.containsKey(n.name())) {
      return n.name();
    }
    return null;
  }

  /**
   * A compound result passed back as an argument: as it is when its type is the parameter's
   * (compared structurally), else read again against the parameter's type through its WAVE text, so
   * a result of another shape is E2041 at the argument rather than a failure inside the call.
   */
  private Object argument(WaveValue w, WitType type, Span span) {
    if (type == null || w.type().equals(type)) {
      return w.value();
    }
    try {
      return Wave.parse(w.toString(), type);
    } catch (MosaicException e) {
      Diagnostic d = e.diagnostics().getFirst();
      throw new MosaicException(
          new Diagnostic(
              d.code(),
              "a "
                  + Wave.typeName(w.type())
                  + " where "
                  + Wave.typeName(type)
                  + " goes: "
                  + d.message(),
              new SourceLocation(file, span.line(), span.column(), span.length()),
              null));
    }
  }

  /**
   * A compound result of a component's function (a list, record, variant, option, result...) with
   * its WIT type, so {@code print} and the REPL show it in WAVE and a later call can take it back
   * as an argument.
   */
  public record WaveValue(Object value, WitType type) {
    @Override
    public String toString() {
      return Wave.print(value, type);
    }
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
