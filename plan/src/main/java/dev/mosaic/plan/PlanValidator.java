package dev.mosaic.plan;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.store.FileBlobStore;
import dev.mosaic.plan.validate.BindingsPhase;
import dev.mosaic.plan.validate.BlobsPhase;
import dev.mosaic.plan.validate.GraphPhase;
import dev.mosaic.plan.validate.SchemaPhase;
import dev.mosaic.plan.validate.ValidationPhase;
import dev.mosaic.plan.verify.BlobVerifier;
import dev.mosaic.plan.verify.ComponentVerification;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a plan in phases under {@link SystemLimits}, one class per phase in {@code
 * dev.mosaic.plan.validate} behind {@link ValidationPhase}, and turns it into the only thing a host
 * accepts, a {@link ValidatedPlan}:
 *
 * <ol>
 *   <li>schema: version, names, digests, value types, signature requirements, policy rules, and the
 *       limits (E3xxx, E7002, E8xxx);
 *   <li>blobs: every component's blob is in the tenant's store, its SHA-256 is re-verified, and its
 *       signature is checked by a {@link BlobVerifier} when the component requires one (E4xxx);
 *   <li>graph: no cycle (its path is named), no disconnected component, no chain deeper than {@link
 *       SystemLimits#maxGraphDepth()} (E5xxx);
 *   <li>bindings: both ends exist, function types are equal, no import is dangling or bound twice,
 *       every capability import is granted, every entry point exists (E6xxx, E7001).
 * </ol>
 *
 * Each phase reports all its errors, up to {@link #MAX_DIAGNOSTICS}; a later phase runs only when
 * the earlier ones passed. Work is bounded: counts are checked before anything is iterated, the
 * graph is walked without recursion, and no phase allocates more than linear in the plan.
 *
 * <p><b>Connectivity.</b> In a plan that declares entry points, every component must host an entry
 * point or take part in a binding (at either end); otherwise nothing could ever call it, and it is
 * reported as disconnected (E5002). A plan without entry points is driven by its script, which may
 * call any component, so no component in it is disconnected.
 *
 * <p><b>Depth.</b> The depth of a plan is the number of components on its longest chain of bindings
 * (importer to exporter); a single component has depth 1.
 */
public final class PlanValidator {
  /** Errors reported per phase before the rest are summarized. */
  public static final int MAX_DIAGNOSTICS = 50;

  private final PlanCodec codec;
  private final AuditSink audit;
  private final SchemaPhase schema;
  private final BlobsPhase blobs;
  private final GraphPhase graph;
  private final BindingsPhase bindings;

  /** A validator with no signature verifiers, no tenant ceilings and no audit. */
  public PlanValidator(SystemLimits limits, BlobStore blobs) {
    this(builder(blobs).limits(limits));
  }

  private PlanValidator(Builder b) {
    this.codec = new PlanCodec(b.limits);
    this.audit = b.audit;
    this.schema = new SchemaPhase(b.limits, b.tenantCeilings, b.defaultCeiling);
    this.blobs = new BlobsPhase(b.limits, b.blobs, b.verifiers, b.audit);
    this.graph = new GraphPhase(b.limits);
    this.bindings = new BindingsPhase();
  }

  /** A builder over the given blob store, with {@link SystemLimits#DEFAULT}. */
  public static Builder builder(BlobStore blobs) {
    return new Builder(blobs);
  }

  /**
   * Decodes and validates plan bytes.
   *
   * @throws MosaicException with the diagnostics of decoding or of the first failing phase
   */
  public ValidatedPlan validate(byte[] planBytes) {
    Plan plan;
    try {
      plan = codec.decode(planBytes);
    } catch (MosaicException e) {
      audit("", PlanCodec.digestOf(planBytes), e);
      throw e;
    }
    // Decoding proved the bytes canonical, so their digest is the plan's digest.
    return validate(plan, PlanCodec.digestOf(planBytes));
  }

  /**
   * Validates a plan.
   *
   * @throws MosaicException carrying every diagnostic of the first failing phase
   */
  public ValidatedPlan validate(Plan plan) {
    return validate(plan, null);
  }

  /**
   * Checks the signature of every component whose blob is in the tenant's store and intact, without
   * failing and without auditing: what {@code mosaic inspect} shows. Components whose blob is
   * missing or damaged are left out; {@link #validate} reports those.
   */
  public List<ComponentVerification> verifications(Plan plan) {
    return blobs.verifications(plan);
  }

  /**
   * The diagnostics of every phase that needs no blob store (schema, graph, bindings), without
   * auditing: what a compiler checks a plan it built against before handing it out. Each phase runs
   * only when the earlier ones passed, as in {@link #validate}.
   */
  public List<Diagnostic> checkWithoutBlobs(Plan plan) {
    try {
      for (ValidationPhase phase : List.of(schema, graph, bindings)) {
        phase.check(plan);
      }
      return List.of();
    } catch (MosaicException e) {
      return e.diagnostics();
    }
  }

  private ValidatedPlan validate(Plan plan, String knownDigest) {
    String digest = knownDigest;
    try {
      schema.check(plan);
      if (digest == null) {
        // The schema phase passed, so the plan encodes.
        digest = codec.digest(plan);
      }
      ValidationPhase.Loaded loaded = blobs.check(plan);
      graph.check(plan);
      bindings.check(plan);
      ValidatedPlan validated =
          new ValidatedPlan(plan, digest, loaded.blobs(), loaded.verifications());
      audit(plan.tenant(), digest, null);
      return validated;
    } catch (MosaicException e) {
      audit(FileBlobStore.isTenant(plan.tenant()) ? plan.tenant() : "", digest, e);
      throw e;
    }
  }

  private void audit(String tenant, String digest, MosaicException failure) {
    if (audit == AuditSink.NONE) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    if (digest != null) {
      details.put("plan_digest", digest);
    }
    details.put("result", failure == null ? "accepted" : "rejected");
    if (failure != null) {
      details.put(
          "codes",
          String.join(
              ",", failure.diagnostics().stream().map(Diagnostic::code).distinct().toList()));
    }
    audit.record(AuditEvent.now(tenant, AuditEvent.PLAN_VALIDATION, "", details));
  }

  /** Configures a validator. */
  public static final class Builder {
    private final BlobStore blobs;
    private SystemLimits limits = SystemLimits.DEFAULT;
    private final Map<String, BlobVerifier> verifiers = new LinkedHashMap<>();
    private final Map<String, TenantLimits> tenantCeilings = new HashMap<>();
    private TenantLimits defaultCeiling;
    private AuditSink audit = AuditSink.NONE;

    private Builder(BlobStore blobs) {
      this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** The host's hard limits. */
    public Builder limits(SystemLimits systemLimits) {
      this.limits = Objects.requireNonNull(systemLimits, "systemLimits");
      return this;
    }

    /** Installs a signature verifier under its {@link BlobVerifier#name()}. */
    public Builder verifier(BlobVerifier verifier) {
      verifiers.put(verifier.name(), verifier);
      return this;
    }

    /** The most a tenant's plans may ask for; plans asking more are rejected with E8006. */
    public Builder tenantCeiling(String tenant, TenantLimits ceiling) {
      tenantCeilings.put(tenant, Objects.requireNonNull(ceiling, "ceiling"));
      return this;
    }

    /** The ceiling for tenants without their own; none by default. */
    public Builder defaultTenantCeiling(TenantLimits ceiling) {
      this.defaultCeiling = ceiling;
      return this;
    }

    /** Where plan validation events go (accepted or rejected, with the codes). */
    public Builder audit(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public PlanValidator build() {
      return new PlanValidator(this);
    }
  }
}
