package dev.mosaic.interpreter;

import dev.mosaic.plan.BlobStore;
import dev.mosaic.plan.Diagnostic;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
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
  private final AuditSink refusals;

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
    this(blobs, environment, AuditSink.NONE);
  }

  /**
   * A compiler that also audits the policy refusals (E7xxx) it finds, as {@code policy_decision}
   * events of the script's tenant: a script refused for a capability its policy does not grant is a
   * decision, even though no plan comes of it.
   */
  public Compiler(BlobStore blobs, String environment, AuditSink refusals) {
    this.blobs = Objects.requireNonNull(blobs);
    this.environment = Objects.requireNonNull(environment);
    this.refusals = Objects.requireNonNull(refusals);
  }

  /**
   * Compiles a script.
   *
   * @param file name shown in diagnostics
   * @param source script text
   * @param baseDir directory that relative component and load paths are resolved against
   */
  public CompileResult compile(String file, String source, Path baseDir) {
    return compile(file, source, baseDir, CompileOptions.DEFAULT);
  }

  /** Compiles a script with the given options; see {@link CompileOptions}. */
  public CompileResult compile(String file, String source, Path baseDir, CompileOptions options) {
    Problems problems = new Problems();
    Loader.Loaded loaded = new Loader(problems).run(file, source, baseDir);
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
        new ComponentStage(problems, blobs).run(items, tenant.name(), interfaces);
    Map<String, CheckedComponent> signed =
        new SignatureStage(problems).run(items, components.components(), components.unresolved());
    Checker.Checked checked =
        new Checker(problems, components, interfaces, tenant.name(), environment, options)
            .run(items);
    if (problems.any()) {
      auditRefusals(tenant.name(), file, problems.list());
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
