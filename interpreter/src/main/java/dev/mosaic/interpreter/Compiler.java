package dev.mosaic.interpreter;

import dev.mosaic.plan.BlobStore;
import dev.mosaic.plan.Plan;
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
 *   <li>{@link PlanBuilder}: the checked script to a plan
 * </ol>
 *
 * A later stage runs even when an earlier one reported errors, on what the earlier one could
 * resolve, so one run shows every problem; no plan is built when there is any.
 */
public final class Compiler {
  /** Tenant used when a script declares none. */
  public static final String DEFAULT_TENANT = "default";

  /** Environment that {@code when env == "..."} conditions compare with, unless told otherwise. */
  public static final String DEFAULT_ENVIRONMENT = "dev";

  private final BlobStore blobs;
  private final String environment;
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
    this(blobs, environment, List.of());
  }

  private Compiler(BlobStore blobs, String environment, List<Path> allowedDirectories) {
    this.blobs = Objects.requireNonNull(blobs);
    this.environment = Objects.requireNonNull(environment);
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
    return new Compiler(blobs, environment, all);
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
    TenantStage.Tenant tenant = new TenantStage(problems).run(items);
    Map<String, InterfaceModel> interfaces = new InterfaceStage(problems).run(items);
    ComponentStage.Components components =
        new ComponentStage(problems, blobs, new SourcePaths(baseDir, allowedDirectories))
            .run(items, tenant.name(), interfaces);
    Map<String, CheckedComponent> signed =
        new SignatureStage(problems).run(items, components.components(), components.unresolved());
    Checker.Checked checked =
        new Checker(problems, components, interfaces, tenant.name(), environment, options)
            .run(items);
    if (problems.any()) {
      return new CompileResult(file, source, sources, null, null, problems.list());
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
    return new CompileResult(file, source, sources, script, PlanBuilder.build(script), List.of());
  }
}
