package dev.mosaic.cli.command;

import dev.mosaic.cli.options.HostOptions;
import dev.mosaic.cli.options.SignedPlanOptions;
import dev.mosaic.cli.options.StoreOptions;
import dev.mosaic.cli.options.TrustOptions;
import dev.mosaic.cli.text.PlanFile;
import dev.mosaic.host.Composition;
import dev.mosaic.host.HostLimits;
import dev.mosaic.host.abi.AbiKind;
import dev.mosaic.host.abi.AbiSignature;
import dev.mosaic.host.component.FuncSig;
import dev.mosaic.host.component.WitType;
import dev.mosaic.host.component.World;
import dev.mosaic.host.component.binary.ComponentReader;
import dev.mosaic.host.component.binary.WorldReader;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.interpreter.diag.LangCodes;
import dev.mosaic.interpreter.run.ScriptRunner;
import dev.mosaic.interpreter.wit.Wave;
import dev.mosaic.interpreter.wit.WitFunctions;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.diag.ExitCodes;
import dev.mosaic.plan.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mosaic exec PLAN [--call component.function ARGS...]}. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run a compiled plan: validate it against the store, instantiate it and call its entry"
          + " points.",
      "Without --call, every entry point that takes no arguments is called and printed as"
          + " `component.function = result`; entry points that need arguments are listed on"
          + " stderr.",
      "With --call, the named entry point is called with ARGS and its result printed. Each"
          + " argument is read as the export declares it: integers for i32/i64 (a fraction is"
          + " refused), decimals for f32/f64, the text itself for string, and for bytes hex"
          + " (0x48690a) or a file's content (@path).",
      "A function of a WebAssembly component is named `component.function` for a function of its"
          + " world or `component.ns:pkg/iface@1.0.0#function` for one of an exported interface;"
          + " its arguments are WAVE values (\"text\", [1, 2], {x: 1, y: 2}, some(1), none,"
          + " ok(v), err(e), %%case(v)) read against its WIT parameters, and its result is"
          + " printed in WAVE."
    })
public final class ExecCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (canonical CBOR).")
  Path file;

  @Option(
      names = "--call",
      paramLabel = "COMPONENT.FUNCTION",
      description = "The entry point to call.")
  String call;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of --call.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--tenant",
      paramLabel = "NAME",
      description =
          "Run the plan only if it names this tenant (E7004 otherwise, before its blobs are"
              + " read): use it when the plan is not trusted to choose its tenant.")
  String tenant;

  @Mixin StoreOptions store;
  @Mixin TrustOptions trust;
  @Mixin SignedPlanOptions signedPlan;

  @Mixin HostOptions host;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (call == null && !args.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "arguments need --call");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes = PlanFile.read(file);
    // The host options come last: they may open a secret backend, which the try below closes.
    Mosaic.Builder builder =
        host.apply(signedPlan.apply(trust.apply(store.builder()), spec.commandLine()), store);
    try (HostOptions h = host;
        Mosaic mosaic = builder.output(out::println).guestLog(out::println).build()) {
      ValidatedPlan plan = signedPlan.load(mosaic, tenant, file, bytes);
      // A component's function takes WAVE values typed by its WIT parameters; they are read
      // before anything is instantiated, so a bad argument costs nothing.
      ComponentCall witCall = call == null ? null : componentCall(plan.plan());
      try (Composition composition = mosaic.instantiate(plan)) {
        if (witCall != null) {
          Object result = composition.call(witCall.component(), witCall.function(), witCall.args());
          out.println(
              witCall.sig().result() == null ? "" : Wave.print(result, witCall.sig().result()));
        } else if (call != null) {
          EntryPoint entry = entryPoint(plan.plan());
          AbiSignature sig = composition.signature(entry.component(), entry.function());
          if (sig.params().size() != args.size()) {
            throw new ParameterException(
                spec.commandLine(),
                "`"
                    + call
                    + "` takes "
                    + sig.params().size()
                    + " arguments "
                    + shape(sig)
                    + ", got "
                    + args.size());
          }
          List<Object> values = new ArrayList<>();
          for (int i = 0; i < args.size(); i++) {
            values.add(value(sig.params().get(i), args.get(i), i));
          }
          Object result = composition.call(entry.component(), entry.function(), values);
          out.println(ScriptRunner.show(result));
        } else {
          for (EntryPoint e : plan.plan().entryPoints()) {
            FunctionDecl f = export(plan.plan(), e).orElseThrow();
            String name = e.component() + "." + e.function();
            if (f.type().params().isEmpty()) {
              Object result = composition.call(e.component(), e.function(), List.of());
              out.println(name + " = " + ScriptRunner.show(result));
            } else {
              err.println(
                  "note: `"
                      + name
                      + "` takes arguments "
                      + f.type()
                      + "; call it with --call "
                      + name
                      + " ARGS");
            }
          }
        }
      }
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** A call of a component's function, its arguments read as WAVE. */
  private record ComponentCall(String component, String function, FuncSig sig, List<Object> args) {}

  /**
   * The call when {@code --call} names a function of a component (its blob a WebAssembly
   * component), else null: the arguments are WAVE values read against the function's WIT parameters
   * (E2041 for one that does not fit, naming the argument and column).
   */
  private ComponentCall componentCall(Plan plan) {
    EntryPoint entry = entryPoint(plan);
    dev.mosaic.plan.Component c = plan.component(entry.component()).orElseThrow();
    if (c.wit().isEmpty()) {
      return null;
    }
    byte[] blob =
        store
            .blobStore()
            .get(plan.tenant(), c.digest())
            .orElseThrow(
                () ->
                    new MosaicException(
                        dev.mosaic.plan.diag.PlanCodes.BLOB_MISSING,
                        "blob of component `" + c.id() + "` is not in the store"));
    World world = WorldReader.read(ComponentReader.read(blob));
    FuncSig sig = WitFunctions.functions(world.exports()).get(entry.function());
    if (sig == null) {
      throw new ParameterException(
          spec.commandLine(),
          "component `" + c.id() + "` exports no function `" + entry.function() + "`");
    }
    if (sig.params().size() != args.size()) {
      throw new ParameterException(
          spec.commandLine(),
          "`"
              + call
              + "` is "
              + WitFunctions.text(sig)
              + ": it takes "
              + sig.params().size()
              + " arguments, got "
              + args.size());
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      WitType.Field p = sig.params().get(i);
      try {
        values.add(Wave.parse(args.get(i), p.type()));
      } catch (MosaicException e) {
        throw new MosaicException(
            Wave.BAD_VALUE,
            "argument "
                + (i + 1)
                + " (`"
                + p.name()
                + ": "
                + Wave.typeName(p.type())
                + "`) of `"
                + call
                + "`: "
                + e.diagnostics().getFirst().message());
      }
    }
    return new ComponentCall(entry.component(), entry.function(), sig, values);
  }

  private EntryPoint entryPoint(Plan plan) {
    List<String> names =
        plan.entryPoints().stream().map(e -> e.component() + "." + e.function()).toList();
    int dot = call.indexOf('.');
    EntryPoint wanted =
        dot > 0 ? new EntryPoint(call.substring(0, dot), call.substring(dot + 1)) : null;
    if (wanted == null || !plan.entryPoints().contains(wanted)) {
      throw new ParameterException(
          spec.commandLine(),
          "`"
              + call
              + "` is not an entry point of the plan; "
              + (names.isEmpty()
                  ? "it exports none"
                  : "it has "
                      + String.join(", ", names.stream().map(n -> "`" + n + "`").toList())));
    }
    return wanted;
  }

  private static Optional<FunctionDecl> export(Plan plan, EntryPoint e) {
    return plan.component(e.component()).stream()
        .flatMap(c -> c.exports().stream())
        .filter(f -> f.name().equals(e.function()))
        .findFirst();
  }

  /** A signature as the core types are shown: {@code (string, i32) -> (string)}. */
  private static String shape(AbiSignature sig) {
    return "("
        + String.join(", ", sig.params().stream().map(AbiKind::text).toList())
        + ") -> ("
        + (sig.result() == null ? "" : sig.result().text())
        + ")";
  }

  /**
   * One argument, read as the export's declaration types it: integers for {@code i32}/{@code i64},
   * decimals for {@code f32}/{@code f64}, the text itself for {@code string}, and for {@code bytes}
   * hex after {@code 0x} or the content of a file after {@code @} (at most the host's transfer
   * limit, so a huge file is refused before it is read).
   */
  private Object value(AbiKind kind, String arg, int index) {
    String which = "argument " + (index + 1) + " of `" + call + "`";
    try {
      return switch (kind) {
        case I32, I64 -> new BigInteger(arg.startsWith("+") ? arg.substring(1) : arg);
        case F32, F64 -> {
          if (!arg.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            throw new NumberFormatException();
          }
          yield Double.parseDouble(arg);
        }
        case STRING -> arg;
        case BYTES -> bytes(arg, which);
      };
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(),
          which
              + " is "
              + kind.text()
              + ", got `"
              + arg
              + "`"
              + (kind == AbiKind.I32 || kind == AbiKind.I64 ? "; give a whole number" : ""));
    }
  }

  private byte[] bytes(String arg, String which) {
    if (arg.startsWith("0x")) {
      String hex = arg.substring(2);
      if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
        throw new ParameterException(
            spec.commandLine(), which + " is bytes: `0x` needs pairs of hex digits");
      }
      return HexFormat.of().parseHex(hex);
    }
    if (arg.startsWith("@")) {
      return boundedRead(arg.substring(1), HostLimits.DEFAULT.maxTransferBytes(), which);
    }
    throw new ParameterException(
        spec.commandLine(),
        which + " is bytes: give hex as `0x48690a` or a file as `@path`, got `" + arg + "`");
  }

  /**
   * A regular file's content, refused when over {@code max} bytes (also when it grows while read);
   * a device, FIFO or directory is refused from its attributes before it is opened (E0012).
   */
  private byte[] boundedRead(String name, long max, String which) {
    Path path = Path.of(name);
    InputFiles.checkRegular(path, which + ": file `" + name + "`");
    try (InputStream in = Files.newInputStream(path)) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (data.length > max) {
        throw new ParameterException(
            spec.commandLine(),
            which + ": file `" + name + "` is over the host's transfer limit of " + max + " bytes");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new MosaicException(LangCodes.FILE_MISSING, "file `" + name + "` does not exist");
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), which + ": cannot read `" + name + "`");
    }
  }
}
