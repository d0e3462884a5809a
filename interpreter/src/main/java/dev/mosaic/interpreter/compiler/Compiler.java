package dev.mosaic.interpreter.compiler;

import dev.mosaic.interpreter.CompileOptions;
import dev.mosaic.interpreter.CompileResult;
import dev.mosaic.interpreter.diag.Problems;
import dev.mosaic.interpreter.diag.Suggest;
import dev.mosaic.interpreter.model.CheckedComponent;
import dev.mosaic.interpreter.model.CheckedScript;
import dev.mosaic.interpreter.model.InterfaceModel;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.MemoryBlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles Mosaic source to a {@link Plan} in named stages, each testable alone and each reporting
 * all its errors:
 *
 * <ol>
 *   <li>{@link Loader}: parse the script and the files it loads
 *   <li>{@link TenantStage}: tenant and limits, units converted
 *   <li>{@link InterfaceStage}: interfaces resolved and canonicalized
 *   <li>{@link ComponentStage}: modules read, stored, inspected, checked against their interface
 *   <li>{@link SignatureStage}: {@code require signature} rules applied to the components
 *   <li>{@link Checker}: bindings, policy, exports, statements, capability grants
 *   <li>{@link CompositionStage}: counts and the graph of bindings
 *   <li>{@link PlanBuilder}: the checked script to a plan
 * </ol>
 *
 * A later stage runs even when an earlier one reported errors, on what the earlier one could
 * resolve, so one run shows every problem; no plan is built when there is any.
 *
 * <p>Every rule of {@link PlanValidator} is checked by a stage, at the script's position, with the
 * validator's own rule functions ({@link dev.mosaic.plan.rules.PlanRules}): a script that compiles
 * gives a plan that validates on a host with the compiler's {@link SystemLimits}. As a last guard
 * the built plan is encoded, decoded and checked by the validator's phases that need no blobs; a
 * finding there (a rule no stage checks) fails the compilation rather than giving out the plan.
 */
public final class Compiler {
  /** Tenant used when a script declares none. */
  public static final String DEFAULT_TENANT = "default";

  /** Environment that {@code when env == "..."} conditions compare with, unless told otherwise. */
  public static final String DEFAULT_ENVIRONMENT = "dev";

  private final BlobStore blobs;
  private final String environment;
  private final SystemLimits limits;
  private final AuditSink refusals;
  private final List<Path> allowedDirectories;

  public Compiler(BlobStore blobs) {
    this(blobs, DEFAULT_ENVIRONMENT);
  }

  /**
   * A compiler for an environment.
   *
   * @param blobs where component modules are stored and looked up
   * @param environment what {@code when env == "..."} conditions compare with
   */
  public Compiler(BlobStore blobs, String environment) {
    this(blobs, environment, SystemLimits.DEFAULT, AuditSink.NONE);
  }

  /**
   * A compiler for an environment and a host's limits: plans that would break them (too many
   * components, too much memory) are refused at the script's line.
   */
  public Compiler(BlobStore blobs, String environment, SystemLimits limits) {
    this(blobs, environment, limits, AuditSink.NONE);
  }

  /**
   * A compiler for a host's limits that also audits the policy refusals (E7xxx) it finds, as {@code
   * policy_decision} events of the script's tenant: a script refused for a capability its policy
   * does not grant is a decision, even though no plan comes of it.
   */
  public Compiler(BlobStore blobs, String environment, SystemLimits limits, AuditSink refusals) {
    this(blobs, environment, limits, refusals, List.of());
  }

  private Compiler(
      BlobStore blobs,
      String environment,
      SystemLimits limits,
      AuditSink refusals,
      List<Path> allowedDirectories) {
    this.blobs = Objects.requireNonNull(blobs);
    this.environment = Objects.requireNonNull(environment);
    this.limits = Objects.requireNonNull(limits);
    this.refusals = Objects.requireNonNull(refusals);
    this.allowedDirectories = List.copyOf(allowedDirectories);
  }

  /**
   * A compiler that also lets scripts name files ({@code load}, {@code from}, {@code signed by})
   * inside the given directories. By default a script names only files inside its own directory
   * ({@code baseDir}), by relative paths; anything else is E2027.
   */
  public Compiler allowing(List<Path> directories) {
    List<Path> all = new ArrayList<>(allowedDirectories);
    all.addAll(directories);
    return new Compiler(blobs, environment, limits, refusals, all);
  }

  /**
   * Compiles a script.
   *
   * @param file name shown in diagnostics
   * @param source script text
   * @param baseDir directory that relative component and load paths are resolved against, and that
   *     they must stay inside (see {@link #allowing})
   */
  public CompileResult compile(String file, String source, Path baseDir) {
    return compile(file, source, baseDir, CompileOptions.DEFAULT);
  }

  /** Compiles a script with the given options; see {@link CompileOptions}. */
  public CompileResult compile(String file, String source, Path baseDir, CompileOptions options) {
    return Suggest.budgeted(() -> compileWithin(file, source, baseDir, options));
  }

  private CompileResult compileWithin(
      String file, String source, Path baseDir, CompileOptions options) {
    Problems problems = new Problems();
    Loader.Loaded loaded = new Loader(problems, allowedDirectories).run(file, source, baseDir);
    Map<String, String> sources = loaded.sources();
    if (problems.any()) {
      // Syntax errors or an unknown version: the items of a file that did not parse are
      // missing, so checking the rest would report names it only seems to lack.
      return new CompileResult(file, source, sources, null, null, problems.list());
    }
    List<Located> items = loaded.items();
    TenantStage.Tenant tenant = new TenantStage(problems, limits).run(items);
    Map<String, InterfaceModel> interfaces = new InterfaceStage(problems).run(items);
    if (!tenant.valid()) {
      // No store can be opened for the name; components cannot be read or stored under it.
      return new CompileResult(file, source, sources, null, null, problems.list());
    }
    ComponentStage.Components components =
        new ComponentStage(problems, blobs, new SourcePaths(baseDir, allowedDirectories))
            .run(items, tenant.name(), interfaces);
    Map<String, CheckedComponent> signed =
        new SignatureStage(problems).run(items, components.components(), components.unresolved());
    Checker.Checked checked =
        new Checker(problems, components, interfaces, tenant.name(), environment, options)
            .run(items);
    CompositionStage composition = new CompositionStage(problems, limits, options);
    composition.counts(tenant, signed, checked.bindings(), checked.bindingOrigins());
    if (!problems.any()) {
      composition.graph(
          signed, checked.bindings(), checked.bindingOrigins(), checked.entryPoints());
    }
    if (problems.any()) {
      auditRefusals(tenant.name(), file, problems.list());
      return new CompileResult(
          file, source, sources, null, null, problems.list(), problems.warnings());
    }
    CheckedScript script =
        new CheckedScript(
            tenant.name(),
            tenant.limits(),
            new ArrayList<>(interfaces.values()),
            new ArrayList<>(signed.values()),
            checked.bindings(),
            checked.policy(),
            checked.entryPoints(),
            checked.statements());
    Plan plan = PlanBuilder.build(script);
    List<Diagnostic> unchecked = lastGuard(plan, options);
    if (!unchecked.isEmpty()) {
      return new CompileResult(file, source, sources, null, null, unchecked, problems.warnings());
    }
    return new CompileResult(file, source, sources, script, plan, List.of(), problems.warnings());
  }

  /**
   * What the validator would still find in a built plan (its phases without blobs, and the codec's
   * size limits), at the start of the script since no stage placed it. A session's plan may be
   * incomplete on purpose (imports bound and capabilities granted by later inputs), so there only
   * the codec and the schema are checked.
   */
  private List<Diagnostic> lastGuard(Plan plan, CompileOptions options) {
    try {
      new PlanCodec(limits).decode(new PlanCodec(limits).encode(plan));
    } catch (MosaicException e) {
      return e.diagnostics();
    }
    PlanValidator validator = new PlanValidator(limits, new MemoryBlobStore());
    List<Diagnostic> found = validator.checkWithoutBlobs(plan);
    if (!options.checkGrants()) {
      found =
          found.stream()
              .filter(d -> d.code().startsWith("E3") || d.code().startsWith("E8"))
              .toList();
    }
    return found;
  }

  private void auditRefusals(String tenant, String file, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      if (d.code().startsWith("E7")) {
        refusals.record(
            AuditEvent.now(
                tenant,
                AuditEvent.POLICY_DECISION,
                "",
                Map.of(
                    "action", "compile",
                    "script", clip(file),
                    "result", "denied",
                    "code", d.code(),
                    "reason", clip(d.message()))));
      }
    }
  }

  private static String clip(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
