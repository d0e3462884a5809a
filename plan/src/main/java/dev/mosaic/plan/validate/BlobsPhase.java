package dev.mosaic.plan.validate;

import dev.mosaic.plan.Component;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.Plan;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.SignatureRequirement;
import dev.mosaic.plan.SystemLimits;
import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import dev.mosaic.plan.codec.PlanReader;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.diag.Diagnostics;
import dev.mosaic.plan.diag.PlanCodes;
import dev.mosaic.plan.store.BlobStore;
import dev.mosaic.plan.verify.BlobVerifier;
import dev.mosaic.plan.verify.ComponentVerification;
import dev.mosaic.plan.verify.SignatureStatus;
import dev.mosaic.plan.verify.VerificationRequest;
import dev.mosaic.plan.wasm.WasmInterface;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase 2, blobs: every component's blob is in the tenant's store and within the size limit, its
 * SHA-256 is re-verified by the store, its real imports and exports (read by the bounded {@link
 * WasmInterface}) match the plan, the modules' initial memory fits the tenant, and its signature is
 * checked by a {@link BlobVerifier} when the component requires one (E4xxx). Signature outcomes are
 * audited. A module's interface is read once per distinct blob content and kept in a bounded {@link
 * InterfaceCache} for the next plans this phase checks; the comparison with the plan, the digest
 * and the signature are checked on every plan.
 */
public final class BlobsPhase implements ValidationPhase {
  /** Bytes in one page of wasm linear memory. */
  private static final long WASM_PAGE = 65_536;

  private final SystemLimits limits;
  private final BlobStore blobs;
  private final Map<String, BlobVerifier> verifiers;
  private final AuditSink audit;
  private final InterfaceCache interfaces = new InterfaceCache();

  /**
   * @param limits the host's hard limits
   * @param blobs the store the tenant's blobs are read from
   * @param verifiers installed signature verifiers by name
   * @param audit where signature outcomes are recorded
   */
  public BlobsPhase(
      SystemLimits limits, BlobStore blobs, Map<String, BlobVerifier> verifiers, AuditSink audit) {
    this.limits = limits;
    this.blobs = blobs;
    this.verifiers = Map.copyOf(verifiers);
    this.audit = audit;
  }

  @Override
  public Loaded check(Plan plan) {
    Diagnostics r = new Diagnostics(PlanValidator.MAX_DIAGNOSTICS);
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
        // The store has verified these bytes against the digest; the cache answers only for
        // bytes equal to those it read the interface from.
        shape = interfaces.get(plan.tenant(), c.digest(), bytes);
        if (shape == null) {
          try {
            shape = WasmInterface.read("blob of component `" + c.id() + "`", bytes);
            interfaces.put(plan.tenant(), c.digest(), bytes, shape);
          } catch (MosaicException e) {
            e.diagnostics().forEach(r::add);
          }
        }
        if (shape != null) {
          shapes.put(c.digest(), shape);
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
    return new Loaded(loaded, verifications);
  }

  /**
   * Checks the signature of every component whose blob is in the tenant's store and intact, without
   * failing and without auditing; components whose blob is missing or damaged are left out.
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

  private static String clip(String s) {
    return PlanReader.clip(s);
  }
}
