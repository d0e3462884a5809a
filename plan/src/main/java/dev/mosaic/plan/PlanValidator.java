package dev.mosaic.plan;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a plan in phases under {@link SystemLimits} and turns it into the only thing a host
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

  /** Bytes in one page of wasm linear memory. */
  private static final long WASM_PAGE = 65_536;

  private final SystemLimits limits;
  private final BlobStore blobs;
  private final PlanCodec codec;
  private final Map<String, BlobVerifier> verifiers;
  private final Map<String, TenantLimits> tenantCeilings;
  private final TenantLimits defaultCeiling;
  private final AuditSink audit;

  /** A validator with no signature verifiers, no tenant ceilings and no audit. */
  public PlanValidator(SystemLimits limits, BlobStore blobs) {
    this(builder(blobs).limits(limits));
  }

  private PlanValidator(Builder b) {
    this.limits = b.limits;
    this.blobs = b.blobs;
    this.codec = new PlanCodec(limits);
    this.verifiers = Map.copyOf(b.verifiers);
    this.tenantCeilings = Map.copyOf(b.tenantCeilings);
    this.defaultCeiling = b.defaultCeiling;
    this.audit = b.audit;
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
    List<ComponentVerification> out = new ArrayList<>();
    for (Component c : plan.components()) {
      byte[] bytes;
      try {
        bytes = blobs.get(plan.tenant(), c.digest()).orElse(null);
      } catch (MosaicException | IllegalArgumentException e) {
        continue;
      }
      if (bytes != null) {
        out.add(verify(plan, c, bytes));
      }
    }
    return out;
  }

  /**
   * The diagnostics of every phase that needs no blob store (schema, graph, bindings), without
   * auditing: what a compiler checks a plan it built against before handing it out. Each phase runs
   * only when the earlier ones passed, as in {@link #validate}.
   */
  public List<Diagnostic> checkWithoutBlobs(Plan plan) {
    try {
      schema(plan);
      graph(plan);
      bindings(plan);
      return List.of();
    } catch (MosaicException e) {
      return e.diagnostics();
    }
  }

  private ValidatedPlan validate(Plan plan, String knownDigest) {
    String digest = knownDigest;
    try {
      schema(plan);
      if (digest == null) {
        digest = codec.digest(plan);
      }
      BlobPhase loaded = blobPhase(plan);
      graph(plan);
      bindings(plan);
      ValidatedPlan validated =
          new ValidatedPlan(plan, digest, loaded.bytes(), loaded.verifications());
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

  // ---------------------------------------------------------------- schema

  private void schema(Plan plan) {
    Diagnostics r = new Diagnostics(MAX_DIAGNOSTICS);
    if (plan.formatVersion() != Plan.FORMAT_VERSION) {
      r.add(
          Diagnostic.of(
                  PlanCodes.UNSUPPORTED_VERSION,
                  "unsupported plan format version " + plan.formatVersion())
              .withHelp("this host reads format version " + Plan.FORMAT_VERSION));
      r.throwIfAny();
    }
    PlanRules.componentCount(plan.components().size(), limits).ifPresent(r::add);
    PlanRules.bindingCount(plan.bindings().size(), limits).ifPresent(r::add);
    // Counts are checked before anything is iterated.
    r.throwIfAny();
    PlanRules.tenantName(plan.tenant()).ifPresent(r::add);
    tenantLimits(plan, r);
    Set<String> ids = new HashSet<>();
    for (Component c : plan.components()) {
      Optional<Diagnostic> badId = PlanRules.componentId(c.id());
      if (badId.isPresent()) {
        r.add(badId.get());
      } else if (!ids.add(c.id())) {
        r.add(PlanCodes.DUPLICATE_COMPONENT, "duplicate component id `" + c.id() + "`");
      }
      PlanRules.digest(c.id(), c.digest()).ifPresent(r::add);
      PlanRules.valueTypes(c.id(), c.imports()).forEach(r::add);
      PlanRules.valueTypes(c.id(), c.exports()).forEach(r::add);
      PlanRules.signatureRequirement(c.id(), c.signature()).forEach(r::add);
    }
    for (PolicyRule rule : plan.policy()) {
      PlanRules.ruleCapability(rule).ifPresent(r::add);
      for (String pattern : rule.patterns()) {
        PlanRules.rulePattern(rule, pattern).ifPresent(r::add);
      }
    }
    r.throwIfAny();
  }

  private void tenantLimits(Plan plan, Diagnostics r) {
    TenantLimits asked = plan.limits();
    PlanRules.tenantComponents(plan.components().size(), asked).ifPresent(r::add);
    PlanRules.tenantMemory(asked, limits).ifPresent(r::add);
    TenantLimits ceiling = tenantCeilings.getOrDefault(plan.tenant(), defaultCeiling);
    if (ceiling != null && !asked.within(ceiling)) {
      r.add(
          Diagnostic.of(
                  PlanCodes.TENANT_LIMIT_EXCEEDED,
                  "plan asks for limits "
                      + describe(asked)
                      + " over what tenant `"
                      + clip(plan.tenant())
                      + "` is granted, "
                      + describe(ceiling))
              .withHelp("lower the limits in the script's tenant block"));
    }
  }

  private static String describe(TenantLimits l) {
    return "(components "
        + l.maxComponents()
        + ", memory "
        + l.maxMemoryBytes()
        + " bytes, time "
        + l.maxExecutionMillis()
        + " ms)";
  }

  // ---------------------------------------------------------------- blobs

  private record BlobPhase(Map<String, byte[]> bytes, List<ComponentVerification> verifications) {}

  private BlobPhase blobPhase(Plan plan) {
    Diagnostics r = new Diagnostics(MAX_DIAGNOSTICS);
    Map<String, byte[]> loaded = new LinkedHashMap<>();
    Map<String, byte[]> byDigest = new HashMap<>();
    List<ComponentVerification> verifications = new ArrayList<>();
    Map<String, WasmInterface> shapes = new HashMap<>();
    long initialPages = 0;
    for (Component c : plan.components()) {
      byte[] bytes;
      try {
        bytes = byDigest.get(c.digest());
        if (bytes == null) {
          bytes = blobs.get(plan.tenant(), c.digest()).orElse(null);
        }
      } catch (MosaicException e) {
        e.diagnostics().forEach(r::add);
        continue;
      } catch (UncheckedIOException e) {
        r.add(
            Diagnostic.of(
                    PlanCodes.BLOB_UNREADABLE,
                    "blob `" + c.digest() + "` of component `" + c.id() + "` cannot be read")
                .withHelp("check the blob store's disk and permissions"));
        continue;
      }
      if (bytes == null) {
        r.add(
            Diagnostic.of(
                    PlanCodes.BLOB_MISSING,
                    "blob `"
                        + c.digest()
                        + "` of component `"
                        + c.id()
                        + "` is not in the store of tenant `"
                        + plan.tenant()
                        + "`")
                .withHelp("add it with `mosaic blob add FILE --tenant " + plan.tenant() + "`"));
        continue;
      }
      if (bytes.length > limits.maxBlobBytes()) {
        r.add(
            PlanCodes.BLOB_TOO_LARGE,
            "blob of component `"
                + c.id()
                + "` is "
                + bytes.length
                + " bytes, over the limit of "
                + limits.maxBlobBytes());
        continue;
      }
      byDigest.put(c.digest(), bytes);
      loaded.put(c.id(), bytes);
      WasmInterface shape = shapes.get(c.digest());
      if (WasmInterface.isComponent(bytes)) {
        // A component blob: the host reads its world and checks its imports when it loads.
        shape = null;
      } else if (shape == null) {
        try {
          shape = WasmInterface.read("blob of component `" + c.id() + "`", bytes);
          shapes.put(c.digest(), shape);
        } catch (MosaicException e) {
          e.diagnostics().forEach(r::add);
        }
      }
      if (shape != null) {
        shape.mismatches(c).forEach(r::add);
        initialPages += shape.initialMemoryPages();
      }
      ComponentVerification v = verify(plan, c, bytes);
      verifications.add(v);
      Diagnostic failure = v.accepted() ? null : signatureDiagnostic(c, v);
      if (failure != null) {
        r.add(failure);
      }
      auditSignature(plan.tenant(), v, failure);
    }
    long memory = initialPages * WASM_PAGE;
    if (memory > plan.limits().maxMemoryBytes()) {
      r.add(
          Diagnostic.of(
                  PlanCodes.OVER_TENANT_MEMORY,
                  "the plan's modules start with "
                      + memory
                      + " bytes of linear memory, over its tenant limit `max-memory` of "
                      + plan.limits().maxMemoryBytes()
                      + " bytes")
              .withHelp("raise `max-memory` in the tenant block, or declare smaller memories"));
    }
    r.throwIfAny();
    return new BlobPhase(loaded, verifications);
  }

  private ComponentVerification verify(Plan plan, Component c, byte[] bytes) {
    SignatureRequirement requirement = c.signature();
    if (!requirement.required()) {
      return ComponentVerification.unsignedNotRequired(c.id(), c.digest());
    }
    VerificationRequest request =
        new VerificationRequest(plan.tenant(), c.id(), c.digest(), bytes, requirement, blobs);
    // Every accepted verifier that is installed gets a chance: a component signed with `pgp`
    // passes a requirement of `cosign, pgp` even when no cosign signature is stored.
    ComponentVerification failure = null;
    for (String name : requirement.verifiers()) {
      BlobVerifier verifier = verifiers.get(name);
      if (verifier == null) {
        continue;
      }
      ComponentVerification v = verifyWith(verifier, request, c);
      if (v.accepted()) {
        return v;
      }
      // A signature that is there but bad says more than one that is absent.
      if (failure == null || failure.status() == SignatureStatus.MISSING) {
        failure = v;
      }
    }
    if (failure != null) {
      return failure;
    }
    return new ComponentVerification(
        c.id(),
        c.digest(),
        SignatureStatus.MISSING,
        "",
        "",
        "no verifier among " + String.join(", ", requirement.verifiers()) + " is installed");
  }

  private static ComponentVerification verifyWith(
      BlobVerifier verifier, VerificationRequest request, Component c) {
    ComponentVerification v;
    try {
      v = verifier.verify(request);
    } catch (MosaicException e) {
      return ComponentVerification.failed(
          request,
          verifier.name(),
          SignatureStatus.INVALID,
          "",
          e.diagnostics().getFirst().message() + " (" + e.code() + ")");
    } catch (RuntimeException e) {
      // A verifier that breaks has verified nothing; the plan is refused and audited like any
      // other bad signature rather than escaping validation with a stack trace.
      return ComponentVerification.failed(
          request,
          verifier.name(),
          SignatureStatus.INVALID,
          "",
          "verifier `" + verifier.name() + "` failed: " + e.getClass().getSimpleName());
    }
    if (v == null || !v.componentId().equals(c.id()) || !v.digest().equals(c.digest())) {
      // A verifier that answers about something else has verified nothing.
      return ComponentVerification.failed(
          request,
          verifier.name(),
          SignatureStatus.INVALID,
          "",
          "verifier `" + verifier.name() + "` answered for another blob");
    }
    return v;
  }

  private void auditSignature(String tenant, ComponentVerification v, Diagnostic failure) {
    if (audit == AuditSink.NONE || v.status() == SignatureStatus.UNSIGNED_NOT_REQUIRED) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("digest", v.digest());
    details.put("signature", v.status().name().toLowerCase(Locale.ROOT));
    details.put("verifier", v.verifierName());
    details.put("signer", v.signer());
    details.put("result", failure == null ? "accepted" : "rejected");
    if (failure != null) {
      // The verifier's own code (E4113 expired, E4114 key usage, ...) says why; the plan-level
      // code says which kind of refusal it is.
      Matcher own = OWN_CODE.matcher(v.detail());
      details.put("code", own.find() ? own.group(1) : failure.code());
      details.put("refusal", failure.code());
      details.put("reason", clip(v.detail()));
    }
    audit.record(AuditEvent.now(tenant, AuditEvent.BLOB, v.componentId(), details));
  }

  private static final Pattern OWN_CODE = Pattern.compile("\\((E4[0-9]{3})\\)$");

  private Diagnostic signatureDiagnostic(Component c, ComponentVerification v) {
    String who = "component `" + c.id() + "`";
    String detail = v.detail().isEmpty() ? null : v.detail();
    if (v.verifierName().isEmpty()) {
      return Diagnostic.of(
              PlanCodes.NO_VERIFIER,
              who
                  + " requires a signature checked by "
                  + String.join(" or ", c.signature().verifiers().stream().map(this::tick).toList())
                  + ", and none is installed")
          .withHelp(
              "installed verifiers: "
                  + (verifiers.isEmpty() ? "none" : String.join(", ", verifiers.keySet())));
    }
    return switch (v.status()) {
      case MISSING ->
          Diagnostic.of(PlanCodes.SIGNATURE_MISSING, who + " requires a signature and has none")
              .withHelp(detail);
      case UNTRUSTED ->
          Diagnostic.of(
                  PlanCodes.SIGNER_UNTRUSTED,
                  v.signer().isEmpty()
                      ? who + " is not signed by a trusted key"
                      : who
                          + " is signed by `"
                          + clip(v.signer())
                          + "`, which is not a trusted key")
              .withHelp(detail);
      default ->
          Diagnostic.of(
                  PlanCodes.SIGNATURE_INVALID,
                  who + " has a signature that does not verify with `" + v.verifierName() + "`")
              .withHelp(detail);
    };
  }

  private String tick(String s) {
    return "`" + clip(s) + "`";
  }

  // ---------------------------------------------------------------- graph

  private void graph(Plan plan) {
    Diagnostics r = new Diagnostics(MAX_DIAGNOSTICS);
    Set<String> entryComponents = new HashSet<>();
    plan.entryPoints().forEach(e -> entryComponents.add(e.component()));
    List<String> ids = plan.components().stream().map(Component::id).toList();
    for (PlanRules.GraphFinding f :
        PlanRules.graph(ids, plan.bindings(), entryComponents, limits.maxGraphDepth())) {
      r.add(f.diagnostic());
    }
    r.throwIfAny();
  }

  // ---------------------------------------------------------------- bindings

  private void bindings(Plan plan) {
    List<Diagnostic> denied = new ArrayList<>();
    Diagnostics r = new Diagnostics(MAX_DIAGNOSTICS);
    Map<String, Component> byId = new HashMap<>();
    Map<String, Map<String, FunctionDecl>> exportsOf = new HashMap<>();
    Map<String, Map<String, FunctionDecl>> importsOf = new HashMap<>();
    for (Component c : plan.components()) {
      byId.put(c.id(), c);
      Map<String, FunctionDecl> exports = new HashMap<>();
      c.exports().forEach(f -> exports.putIfAbsent(f.name(), f));
      exportsOf.put(c.id(), exports);
      Map<String, FunctionDecl> imports = new HashMap<>();
      c.imports().forEach(f -> imports.putIfAbsent(importKey(f.module(), f.name()), f));
      importsOf.put(c.id(), imports);
    }
    // Bound imports by importer, then import key: no concatenated key per binding.
    Map<String, Map<String, Binding>> bound = new HashMap<>();
    for (Binding b : plan.bindings()) {
      Component importer = byId.get(b.importer());
      Component exporter = byId.get(b.exporter());
      if (importer == null || exporter == null) {
        r.add(
            PlanCodes.UNKNOWN_COMPONENT,
            "binding names unknown component `"
                + clip(importer == null ? b.importer() : b.exporter())
                + "`");
        continue;
      }
      String key = importKey(b.importModule(), b.importName());
      if (WasmInterface.isInterfaceName(b.importName())) {
        // A component's imported instance bound to another's exported instance: both ends must
        // be interfaces of the components' `wit` worlds (which the host compares with the blobs),
        // and the host compares their functions when it loads the plan.
        interfaceBinding(b, importer, exporter).ifPresent(r::add);
        Binding previous =
            bound.computeIfAbsent(b.importer(), k -> new HashMap<>()).putIfAbsent(key, b);
        if (previous != null) {
          r.add(
              PlanCodes.IMPORT_BOUND_TWICE,
              "import `"
                  + b.importer()
                  + "."
                  + clip(b.importName())
                  + "` is bound twice, to `"
                  + previous.exporter()
                  + "` and `"
                  + b.exporter()
                  + "`");
        }
        continue;
      }
      FunctionDecl imp = importsOf.get(b.importer()).get(key);
      FunctionDecl exp = exportsOf.get(b.exporter()).get(b.exportName());
      if (imp == null) {
        r.add(
            PlanCodes.UNKNOWN_IMPORT,
            "component `"
                + b.importer()
                + "` has no import `"
                + clip(b.importModule())
                + "."
                + clip(b.importName())
                + "`");
      } else if (imp.isCapability() || imp.isWasi()) {
        PlanRules.bindsCapability(b.importer(), imp, b.exporter(), b.exportName())
            .ifPresent(r::add);
      } else if (exp == null) {
        r.add(
            PlanCodes.UNKNOWN_EXPORT,
            "component `" + b.exporter() + "` has no export `" + clip(b.exportName()) + "`");
      } else if (!imp.type().equals(exp.type())) {
        r.add(
            PlanCodes.TYPE_MISMATCH,
            "binding "
                + bindingEnd(b)
                + "` expects "
                + imp.type()
                + " but `"
                + b.exporter()
                + "."
                + clip(b.exportName())
                + "` has "
                + exp.type());
      }
      Binding previous =
          bound.computeIfAbsent(b.importer(), k -> new HashMap<>()).putIfAbsent(key, b);
      if (previous != null && imp != null) {
        r.add(
            PlanCodes.IMPORT_BOUND_TWICE,
            "import "
                + bindingEnd(b)
                + "` is bound twice, to `"
                + previous.exporter()
                + "."
                + clip(previous.exportName())
                + "` and `"
                + b.exporter()
                + "."
                + clip(b.exportName())
                + "`");
      }
    }
    PolicyEngine policy = new PolicyEngine(plan.policy());
    for (Component c : plan.components()) {
      for (FunctionDecl imp : c.imports()) {
        Optional<Diagnostic> kind = PlanRules.importKind(c.id(), imp);
        if (kind.isPresent()) {
          denied.add(kind.get());
        } else if (imp.isCapability() || imp.isWasi()) {
          String capability = imp.capability();
          if (capability == null) {
            // A WASI function that needs no grant (docs/guest-abi.md).
            continue;
          }
          if (!policy.decide(c.id(), capability, null).allowed()) {
            denied.add(
                Diagnostic.of(
                        PlanCodes.CAPABILITY_NOT_GRANTED,
                        "capability `"
                            + capability
                            + "` is not granted to component `"
                            + c.id()
                            + "`")
                    .withHelp("add `allow " + c.id() + " " + capability + "` to the policy"));
          }
        } else if (!bound
            .getOrDefault(c.id(), Map.of())
            .containsKey(importKey(imp.module(), imp.name()))) {
          r.add(PlanRules.danglingImport(c.id(), imp));
        }
      }
    }
    for (EntryPoint e : plan.entryPoints()) {
      Map<String, FunctionDecl> exports = exportsOf.get(e.component());
      if (exports == null || !exports.containsKey(e.function())) {
        r.add(
            PlanCodes.UNKNOWN_ENTRY,
            "entry point `" + clip(e.component()) + "." + clip(e.function()) + "` does not exist");
      }
    }
    // Denials (E7xxx) decide the exit code (77), so they come first when both kinds occur.
    Diagnostics all = new Diagnostics(MAX_DIAGNOSTICS);
    denied.forEach(all::add);
    try {
      r.throwIfAny();
    } catch (MosaicException e) {
      e.diagnostics().forEach(all::add);
    }
    all.throwIfAny();
  }

  /**
   * What is wrong with a binding of a WIT interface, if anything: its import module is the
   * interface's name (plan-format.md), the importer imports a function of that interface and the
   * exporter exports one of the interface it names.
   */
  private static Optional<Diagnostic> interfaceBinding(
      Binding b, Component importer, Component exporter) {
    if (!b.importModule().equals(b.importName())) {
      return Optional.of(
          Diagnostic.of(
                  PlanCodes.UNKNOWN_IMPORT,
                  "binding of interface `"
                      + clip(b.importName())
                      + "` names import module `"
                      + clip(b.importModule())
                      + "`; an interface's import module is its name")
              .withHelp(
                  "write the binding as [importer, INTERFACE, INTERFACE, exporter, INTERFACE]"));
    }
    if (!hasInterface(importer.wit().imports(), b.importName())) {
      return Optional.of(
          Diagnostic.of(
              PlanCodes.UNKNOWN_IMPORT,
              "component `"
                  + b.importer()
                  + "` imports no interface `"
                  + clip(b.importName())
                  + "` in its `wit`"));
    }
    if (!hasInterface(exporter.wit().exports(), b.exportName())) {
      return Optional.of(
          Diagnostic.of(
              PlanCodes.UNKNOWN_EXPORT,
              "component `"
                  + b.exporter()
                  + "` exports no interface `"
                  + clip(b.exportName())
                  + "` in its `wit`"));
    }
    return Optional.empty();
  }

  private static boolean hasInterface(List<String> entries, String iface) {
    for (String e : entries) {
      if (iface.equals(WitWorld.interfaceOf(e))) {
        return true;
      }
    }
    return false;
  }

  /** The importing end of a binding as messages name it (built only for a message). */
  private static String bindingEnd(Binding b) {
    return "`" + b.importer() + "." + clip(b.importModule()) + "." + clip(b.importName());
  }

  private static String importKey(String module, String name) {
    return module + "\u0000" + name;
  }

  private static String clip(String s) {
    return PlanReader.clip(s);
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
