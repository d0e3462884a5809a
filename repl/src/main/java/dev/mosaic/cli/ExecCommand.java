package dev.mosaic.cli;

import dev.mosaic.host.Composition;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.interpreter.StatementRunner;
import dev.mosaic.plan.EntryPoint;
import dev.mosaic.plan.ExitCodes;
import dev.mosaic.plan.FunctionDecl;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.ValidatedPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
      "With --call, the named entry point is called with ARGS and its result printed; integers"
          + " and decimals are passed as numbers."
    })
final class ExecCommand implements Callable<Integer> {
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
      try (Composition composition = mosaic.instantiate(plan)) {
        if (call != null) {
          EntryPoint entry = entryPoint(plan.plan());
          FunctionDecl f = export(plan.plan(), entry).orElseThrow();
          if (f.type().params().size() != args.size()) {
            throw new ParameterException(
                spec.commandLine(),
                "`"
                    + call
                    + "` takes "
                    + f.type().params().size()
                    + " arguments "
                    + f.type()
                    + ", got "
                    + args.size());
          }
          List<Object> values = args.stream().map(ExecCommand::value).toList();
          Object result = composition.call(entry.component(), entry.function(), values);
          out.println(StatementRunner.show(result));
        } else {
          for (EntryPoint e : plan.plan().entryPoints()) {
            FunctionDecl f = export(plan.plan(), e).orElseThrow();
            String name = e.component() + "." + e.function();
            if (f.type().params().isEmpty()) {
              Object result = composition.call(e.component(), e.function(), List.of());
              out.println(name + " = " + StatementRunner.show(result));
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

  /** Integers as {@code Long}, decimals as {@code Double}, anything else as text. */
  static Object value(String arg) {
    try {
      return Long.parseLong(arg);
    } catch (NumberFormatException notAnInteger) {
      try {
        if (arg.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
          return Double.parseDouble(arg);
        }
      } catch (NumberFormatException notADecimal) {
        // fall through: passed as text
      }
      return arg;
    }
  }
}
