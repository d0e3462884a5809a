package dev.mosaic.interpreter.compiler;

import dev.mosaic.dsl.ast.Expr;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.dsl.ast.Span;
import dev.mosaic.host.abi.AbiKind;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.Primitive;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.wit.Wave;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types the expressions of {@code print}, {@code let}, {@code assert} and evaluated statements:
 * calls of exported functions (core and WIT) with their argument types and literal ranges. Every
 * function a statement calls becomes an entry point of the plan.
 */
final class ExpressionTyper {
  private final CheckScope scope;
  private final Problems problems;
  private final Map<String, CheckedComponent> components;
  private final CompileOptions options;
  private final Set<EntryPoint> called;

  ExpressionTyper(CheckScope scope) {
    this.scope = scope;
    this.problems = scope.problems;
    this.components = scope.components;
    this.options = scope.options;
    this.called = scope.called;
  }

  /** Value types a script can see; {@link #ANY} when not known statically. */
  enum ValueType {
    INT,
    FLOAT,
    STRING,
    BYTES,
    BOOL,
    NONE,
    ANY;

    String label() {
      return switch (this) {
        case INT -> "an integer";
        case FLOAT -> "a float";
        case STRING -> "a string";
        case BYTES -> "bytes";
        case BOOL -> "a bool";
        case NONE -> "no value";
        case ANY -> "a value";
      };
    }
  }

  ValueType type(String file, Expr e, Map<String, ValueType> variables) {
    return switch (e) {
      case Expr.IntLit i -> ValueType.INT;
      case Expr.FloatLit f -> ValueType.FLOAT;
      case Expr.StringLit s -> ValueType.STRING;
      case Expr.BoolLit b -> ValueType.BOOL;
      case Expr.Name n -> {
        ValueType t = variables.get(n.name());
        if (t == null) {
          problems.error(
              LangCodes.UNKNOWN_NAME,
              "unknown name `" + n.name() + "`",
              file,
              n.span(),
              Suggest.help(n.name(), variables.keySet()));
          yield ValueType.ANY;
        }
        yield t;
      }
      case Expr.Call c -> call(file, c, variables);
      case Expr.Wave w -> {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "a compound value `"
                + w.text()
                + "` is written only as an argument of a component's"
                + " function",
            file,
            w.span(),
            "pass it to a function whose WIT parameter has its type: `c.f(" + w.text() + ")`");
        yield ValueType.ANY;
      }
    };
  }

  private ValueType call(String file, Expr.Call c, Map<String, ValueType> variables) {
    FunctionDecl export =
        requireExport(file, c.component(), c.function(), c.componentSpan(), c.functionSpan());
    CheckedComponent target = export == null ? null : components.get(c.component());
    if (target != null && target.world() != null) {
      called.add(new EntryPoint(c.component(), c.function()));
      FuncSig sig = WitFunctions.functions(target.world().exports()).get(c.function());
      if (sig.params().size() == c.args().size()) {
        return witCall(file, c, witArguments(file, c, sig, variables), sig);
      }
    }
    List<ValueType> args = new ArrayList<>();
    for (Expr a : c.args()) {
      // A WAVE literal in a WIT call of the wrong arity is not a second error.
      boolean wit = target != null && target.world() != null;
      args.add(wit && a instanceof Expr.Wave ? ValueType.ANY : type(file, a, variables));
    }
    if (export == null) {
      return ValueType.ANY;
    }
    called.add(new EntryPoint(c.component(), c.function()));
    if (target.world() != null) {
      return witCall(
          file, c, args, WitFunctions.functions(target.world().exports()).get(c.function()));
    }
    AbiSignature declared = components.get(c.component()).declared(c.function());
    AbiSignature sig;
    try {
      sig = declared != null ? declared : AbiSignature.numeric(export.type());
    } catch (MosaicException e) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "`" + c.component() + "." + c.function() + "` cannot be called from a script",
          file,
          c.span(),
          e.diagnostics().getFirst().message());
      return ValueType.ANY;
    }
    String name = "`" + c.component() + "." + c.function() + "`";
    List<AbiKind> params = sig.params();
    if (params.size() != args.size()) {
      problems.error(
          LangCodes.WRONG_ARGUMENTS,
          name
              + " takes "
              + params.size()
              + " argument"
              + (params.size() == 1 ? "" : "s")
              + ", got "
              + args.size(),
          file,
          c.span(),
          "its type is " + (declared != null ? declared : export.type()));
    } else {
      for (int i = 0; i < params.size(); i++) {
        argument(file, name, i, params.get(i), args.get(i), c.args().get(i));
      }
    }
    if (sig.result() == null) {
      return ValueType.NONE;
    }
    return switch (sig.result()) {
      case STRING -> ValueType.STRING;
      case BYTES -> ValueType.BYTES;
      case F32, F64 -> ValueType.FLOAT;
      case I32, I64 -> ValueType.INT;
    };
  }

  /**
   * The types of a WIT call's arguments. A WAVE literal ({@code [1, 2]}, {@code {x: 1}}, {@code
   * some(1)}) is read against its parameter's WIT type here, so a value that does not fit is
   * refused at its line and column (E2041) before anything runs; so is a plain name that no {@code
   * let} bound (a WAVE {@code none}, an enum case) passed where a compound value goes. Both count
   * as checked ({@link ValueType#ANY}).
   */
  private List<ValueType> witArguments(
      String file, Expr.Call c, FuncSig sig, Map<String, ValueType> variables) {
    List<ValueType> out = new ArrayList<>();
    for (int i = 0; i < c.args().size(); i++) {
      Expr a = c.args().get(i);
      dev.mosaic.host.component.WitType.Field p = sig.params().get(i);
      String text = waveText(a, p.type(), variables.keySet());
      if (text == null) {
        out.add(type(file, a, variables));
        continue;
      }
      try {
        Wave.parse(text, p.type());
      } catch (MosaicException e) {
        String message = e.diagnostics().getFirst().message();
        Span at = waveSpan(a.span(), text, message);
        if (at != a.span()) {
          // The span points at the column; the message need not repeat it.
          message = COLUMN.matcher(message).replaceFirst("").strip();
        }
        problems.error(
            Wave.BAD_VALUE,
            "argument "
                + (i + 1)
                + " (`"
                + p.name()
                + ": "
                + Wave.typeName(p.type())
                + "`) of `"
                + c.component()
                + "."
                + c.function()
                + "`: "
                + message,
            file,
            at,
            null);
      }
      out.add(ValueType.ANY);
    }
    return out;
  }

  /**
   * The WAVE text of an argument: a compound literal's source, or a name no variable holds passed
   * where a compound value goes; null for the other expressions.
   */
  private static String waveText(
      Expr a, dev.mosaic.host.component.WitType type, java.util.Collection<String> variables) {
    if (a instanceof Expr.Wave w) {
      return w.text();
    }
    if (a instanceof Expr.Name n && !(type instanceof Primitive) && !variables.contains(n.name())) {
      return n.name();
    }
    return null;
  }

  private static final java.util.regex.Pattern COLUMN =
      java.util.regex.Pattern.compile("^value at column (\\d+):");

  /** Where in the script a WAVE error points: its column inside the literal, when on one line. */
  private static Span waveSpan(Span literal, String text, String message) {
    java.util.regex.Matcher m = COLUMN.matcher(message);
    if (!m.find() || text.indexOf('\n') >= 0) {
      return literal;
    }
    int column = Integer.parseInt(m.group(1));
    if (column > text.length()) {
      return literal;
    }
    return new Span(literal.line(), literal.column() + column - 1, 1);
  }

  /**
   * A call of a component's function, typed by its WIT signature: integers for integer parameters,
   * numbers for {@code f32}/{@code f64}, strings for {@code string}, a string of one character for
   * {@code char}, {@code true}/{@code false} for {@code bool}, WAVE literals for lists, records,
   * tuples, variants, enums, flags, options and results ({@link #witArguments}). Resources are not
   * script values (E2011).
   */
  private ValueType witCall(String file, Expr.Call c, List<ValueType> args, FuncSig sig) {
    String name = "`" + c.component() + "." + c.function() + "`";
    if (sig.params().size() != args.size()) {
      problems.error(
          LangCodes.WRONG_ARGUMENTS,
          name
              + " takes "
              + sig.params().size()
              + " argument"
              + (sig.params().size() == 1 ? "" : "s")
              + ", got "
              + args.size(),
          file,
          c.span(),
          "its type is " + WitFunctions.text(sig));
      return witValue(sig.result());
    }
    for (int i = 0; i < args.size(); i++) {
      dev.mosaic.host.component.WitType.Field p = sig.params().get(i);
      ValueType wanted = witValue(p.type());
      ValueType given = args.get(i);
      Expr e = c.args().get(i);
      if (wanted == ValueType.ANY && given == ValueType.ANY) {
        continue;
      }
      if (wanted == ValueType.ANY) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "argument "
                + (i + 1)
                + " of "
                + name
                + " is `"
                + Wave.typeName(p.type())
                + "`, got "
                + given.label(),
            file,
            e.span(),
            p.type() instanceof dev.mosaic.host.component.WitType.OwnType
                    || p.type() instanceof dev.mosaic.host.component.WitType.BorrowType
                ? "a resource handle cannot be written in a script"
                : "write the value in WAVE: a list `[1, 2]`, a record `{x: 1}`, `some(v)`, `none`,"
                    + " `ok(v)`, `err(e)`, a case `%c(v)`");
        continue;
      }
      if (given == ValueType.ANY) {
        continue;
      }
      boolean fits = given == wanted || (wanted == ValueType.FLOAT && given == ValueType.INT);
      if (fits && e instanceof Expr.IntLit lit && p.type() instanceof Primitive prim) {
        try {
          Wave.parse(Long.toString(lit.value()), prim);
        } catch (MosaicException ex) {
          problems.error(
              LangCodes.TYPE_MISMATCH,
              "argument "
                  + (i + 1)
                  + " of "
                  + name
                  + ": `"
                  + lit.value()
                  + "` does not fit in "
                  + prim.wit(),
              file,
              e.span(),
              null);
          continue;
        }
      }
      if (fits
          && p.type() == Primitive.CHAR
          && e instanceof Expr.StringLit str
          && str.value().codePointCount(0, str.value().length()) != 1) {
        fits = false;
      }
      if (!fits) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "argument "
                + (i + 1)
                + " of "
                + name
                + " is "
                + Wave.typeName(p.type())
                + ", got "
                + given.label(),
            file,
            e.span(),
            given == ValueType.FLOAT && wanted == ValueType.INT
                ? "a fraction is never truncated: pass a whole number"
                : null);
      }
    }
    return sig.result() == null ? ValueType.NONE : witValue(sig.result());
  }

  /** The script value a WIT type is, or ANY for the types scripts cannot write. */
  private static ValueType witValue(dev.mosaic.host.component.WitType t) {
    if (!(t instanceof Primitive p)) {
      return ValueType.ANY;
    }
    return switch (p) {
      case BOOL -> ValueType.BOOL;
      case F32, F64 -> ValueType.FLOAT;
      case CHAR, STRING -> ValueType.STRING;
      default -> ValueType.INT;
    };
  }

  /**
   * Checks one argument against its parameter's kind: strings for {@code string}, strings or bytes
   * for {@code bytes} (a string passes its UTF-8), integers that fit for integer kinds, numbers for
   * floats. A literal out of an integer kind's range is refused here, at its position.
   */
  private void argument(String file, String name, int i, AbiKind wanted, ValueType given, Expr e) {
    if (given == ValueType.ANY) {
      return;
    }
    boolean fits =
        switch (wanted) {
          case STRING -> given == ValueType.STRING;
          case BYTES -> given == ValueType.BYTES || given == ValueType.STRING;
          case I32, I64 -> given == ValueType.INT;
          case F32, F64 -> given == ValueType.INT || given == ValueType.FLOAT;
        };
    if (!fits) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "argument " + (i + 1) + " of " + name + " is " + wanted.text() + ", got " + given.label(),
          file,
          e.span(),
          given == ValueType.FLOAT && !wanted.inMemory()
              ? "a fraction is never truncated: pass a whole number"
              : null);
      return;
    }
    literalRange(file, name, i, wanted.text(), e);
  }

  /**
   * E2011 for a literal argument the parameter cannot hold, which would otherwise fail only when
   * the call runs: an i32 takes -2^31 to 2^32 - 1 (signed or unsigned), an f32 a float within its
   * range.
   */
  private void literalRange(String file, String name, int index, String wanted, Expr arg) {
    String problem = null;
    if (arg instanceof Expr.IntLit i
        && wanted.equals("i32")
        && (i.value() < Integer.MIN_VALUE || i.value() > 0xFFFF_FFFFL)) {
      problem = "`" + i.value() + "` does not fit in an i32";
    } else if (arg instanceof Expr.FloatLit f
        && wanted.equals("f32")
        && Math.abs(f.value()) > Float.MAX_VALUE) {
      problem = "`" + f.value() + "` does not fit in an f32";
    }
    if (problem != null) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "argument " + (index + 1) + " of " + name + " is " + wanted + ": " + problem,
          file,
          arg.span(),
          wanted.equals("i32")
              ? "an i32 takes -2147483648 to 4294967295"
              : "an f32 takes at most 3.4028235e38 in magnitude");
    }
  }

  void assertion(String file, Item.Assert a, Map<String, ValueType> variables) {
    ValueType left = type(file, a.left(), variables);
    if (a.right() == null) {
      if (left != ValueType.BOOL && left != ValueType.ANY) {
        problems.error(
            LangCodes.TYPE_MISMATCH,
            "`assert` needs a bool or a comparison, got " + left.label(),
            file,
            a.left().span(),
            "compare it: `assert value == expected`");
      }
      return;
    }
    ValueType right = type(file, a.right(), variables);
    boolean numeric =
        (left == ValueType.INT || left == ValueType.FLOAT)
            && (right == ValueType.INT || right == ValueType.FLOAT);
    if (left != right && left != ValueType.ANY && right != ValueType.ANY && !numeric) {
      problems.error(
          LangCodes.TYPE_MISMATCH,
          "cannot compare " + left.label() + " with " + right.label(),
          file,
          a.span(),
          null);
    }
  }

  private FunctionDecl requireExport(
      String file, String component, String function, Span span, Span functionSpan) {
    return scope.requireExport(file, component, function, span, functionSpan);
  }
}
