package dev.mosaic.cli.repl;

import dev.mosaic.cli.text.Explanation;
import dev.mosaic.cli.text.RuleOrigins;
import dev.mosaic.dsl.ParseResult;
import dev.mosaic.dsl.ScriptParser;
import dev.mosaic.dsl.ast.Item;
import dev.mosaic.host.Composition;
import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.interpreter.compiler.Located;
import dev.mosaic.interpreter.diag.DiagnosticRenderer;
import dev.mosaic.interpreter.run.ScriptRunner;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.ValidatedPlan;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a REPL session knows, and how input changes it.
 *
 * <p>Declarations accumulate: every accepted input that declares something (tenant, component,
 * binding, policy, export) stays in the session's {@link Transcript}. Each new input is compiled
 * together with the transcript; when that fails, the errors are shown with carets and the input is
 * dropped. Inputs made only of statements are run and not kept.
 *
 * <p>Re-instantiation: the session keeps one running composition. After each input the compiled
 * plan is compared with the running one; only when it differs (a declaration changed it) is the
 * plan validated and instantiated afresh, and the old composition closed, so guest memory starts
 * over. While only statements are entered the composition, and the state inside its guests, stays.
 * {@code let} variables live in the session and survive re-instantiation. A plan that compiles but
 * does not validate (say a component imports a capability the policy does not grant yet) is kept:
 * its errors are shown, and statements wait until a later declaration fixes it.
 */
final class Session implements AutoCloseable {
  /** Diagnostics name typed input this way. */
  static final String INPUT = "<repl>";

  private final Mosaic mosaic;
  private final PrintWriter out;
  private final Path startDir;
  private final Map<String, Object> variables = new HashMap<>();
  private Transcript transcript = new Transcript();
  private Path baseDir;
  private Plan plan;
  private ValidatedPlan validated;
  private Composition composition;
  private ScriptRunner runner;
  private MosaicException planError;

  Session(Mosaic mosaic, PrintWriter out, Path baseDir) {
    this.mosaic = mosaic;
    this.out = out;
    this.startDir = baseDir;
    this.baseDir = baseDir;
  }

  /** Compiles and runs one input typed at the prompt. */
  void eval(String input) {
    eval(INPUT, input);
  }

  /** Starts over from a script file: its declarations become the session's, its statements run. */
  void load(Path file, String text) {
    reset();
    Path parent = file.toAbsolutePath().getParent();
    baseDir = parent == null ? startDir : parent;
    eval(file.toString(), text);
  }

  /** Forgets every declaration and variable and stops the running composition. */
  void reset() {
    stop();
    transcript = new Transcript();
    variables.clear();
    plan = null;
    planError = null;
    baseDir = startDir;
  }

  private final Set<String> warned = new HashSet<>();

  private void eval(String name, String input) {
    if (input.isBlank()) {
      return;
    }
    Transcript candidate = transcript.with(name, input);
    CompileResult compiled =
        mosaic.compile(
            Transcript.FILE, candidate.text(), baseDir, CompileOptions.session(variables.keySet()));
    warn(candidate, compiled.warnings());
    if (!compiled.ok()) {
      report(candidate, compiled.diagnostics());
      return;
    }
    int firstLine = candidate.last().firstLine();
    // Only statements typed in this input run; those of earlier inputs and loaded files ran.
    List<Located> fresh =
        compiled.statements().stream()
            .filter(s -> s.file().equals(Transcript.FILE) && s.item().span().line() >= firstLine)
            .toList();
    if (declares(input, fresh.size())) {
      transcript = candidate;
    }
    if (composition == null || !sameComposition(compiled.plan(), plan)) {
      start(compiled.plan(), candidate);
    }
    if (fresh.isEmpty()) {
      return;
    }
    if (composition == null) {
      return;
    }
    try {
      Object value = runner.run(fresh);
      if (fresh.getLast().item() instanceof Item.Eval && value != null) {
        out.println(ScriptRunner.show(value));
      }
    } catch (MosaicException e) {
      report(candidate, e.diagnostics());
    }
    out.flush();
  }

  /** Whether an input holds anything but the statements found in it. */
  private static boolean declares(String input, int statements) {
    ParseResult alone = ScriptParser.parse(INPUT, input);
    return !alone.ok() || alone.script().items().size() > statements;
  }

  private void start(Plan next, Transcript source) {
    stop();
    plan = next;
    planError = null;
    try {
      validated = mosaic.load(mosaic.encode(next));
      composition = mosaic.instantiate(validated);
      runner = new ScriptRunner(composition, out::println, Transcript.FILE, variables);
    } catch (MosaicException e) {
      planError = e;
      report(source, e.diagnostics());
      out.println("the declarations are kept; statements run once the plan validates");
      out.flush();
    }
  }

  private void stop() {
    if (composition != null) {
      composition.close();
    }
    composition = null;
    runner = null;
    validated = null;
  }

  /** Warnings not shown before: the whole transcript is compiled again at every input. */
  private void warn(Transcript source, List<Diagnostic> warnings) {
    for (Diagnostic d : warnings) {
      if (warned.add(d.code() + d.message())) {
        Transcript.Rendered r = source.relocate(d);
        String text = DiagnosticRenderer.render(r.diagnostic(), r.source());
        out.print("warning" + text.substring("error".length()));
      }
    }
    out.flush();
  }

  private void report(Transcript source, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      Transcript.Rendered r = source.relocate(d);
      out.print(DiagnosticRenderer.render(r.diagnostic(), r.source()));
    }
    out.flush();
  }

  /** The current plan, if anything was declared. */
  Optional<Plan> plan() {
    return Optional.ofNullable(plan);
  }

  /** The validated plan, when the current plan validated. */
  Optional<ValidatedPlan> validated() {
    return Optional.ofNullable(validated);
  }

  /** Why the current plan does not run, if it does not. */
  Optional<MosaicException> planError() {
    return Optional.ofNullable(planError);
  }

  /** Renders the current plan's validation errors. */
  void reportPlanError() {
    planError().ifPresent(e -> report(transcript, e.diagnostics()));
  }

  /** Names of {@code let} variables defined so far. */
  java.util.Set<String> variables() {
    return variables.keySet();
  }

  /** Explains a policy decision of the current plan, with rules located in the session. */
  Explanation explain(String component, String capability, String parameter) {
    Plan p = plan().orElseThrow(() -> new Explanation.UnknownName("nothing is declared yet"));
    Transcript t = transcript;
    return Explanation.of(
        p, new RuleOrigins.InScript(t.text(), t::locate), component, capability, parameter);
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Whether two plans instantiate the same composition. Entry points are left out: they also list
   * what the statements call, which changes from input to input while the guests stay the same.
   */
  private static boolean sameComposition(Plan a, Plan b) {
    return b != null
        && a.formatVersion() == b.formatVersion()
        && a.tenant().equals(b.tenant())
        && a.components().equals(b.components())
        && a.bindings().equals(b.bindings())
        && a.policy().equals(b.policy())
        && a.limits().equals(b.limits());
  }
}
