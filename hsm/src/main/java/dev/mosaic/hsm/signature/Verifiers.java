package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verifiers a host knows by name: the built-ins ({@code cosign}, {@code pgp}, {@code x509}) and
 * any {@link ComponentSignatureVerifier} found by {@link ServiceLoader}. A name registered twice is
 * an error ({@link SignatureCodes#DUPLICATE_VERIFIER}), so a plugin can never shadow a built-in.
 * Immutable and thread-safe.
 */
public final class Verifiers {
  private final Map<String, ComponentSignatureVerifier> byName;

  private Verifiers(Collection<ComponentSignatureVerifier> verifiers) {
    Map<String, ComponentSignatureVerifier> map = new LinkedHashMap<>();
    for (ComponentSignatureVerifier v : verifiers) {
      ComponentSignatureVerifier previous = map.putIfAbsent(v.name(), v);
      if (previous != null) {
        throw new MosaicException(
            Diagnostic.of(
                    SignatureCodes.DUPLICATE_VERIFIER,
                    "verifier name `" + v.name() + "` is registered twice")
                .withHelp(
                    previous.getClass().getName()
                        + " and "
                        + v.getClass().getName()
                        + " both use it; rename the plugin"));
      }
    }
    this.byName = Map.copyOf(map);
  }

  /** The built-in verifiers only. */
  public static List<ComponentSignatureVerifier> builtIns() {
    return List.of(new CosignVerifier(), new PgpVerifier(), new X509CmsVerifier());
  }

  /** The built-ins and the plugins visible to the thread's context class loader. */
  public static Verifiers load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /** The built-ins and the plugins visible to {@code loader}. */
  public static Verifiers load(ClassLoader loader) {
    List<ComponentSignatureVerifier> all = new ArrayList<>(builtIns());
    ServiceLoader.load(ComponentSignatureVerifier.class, loader).forEach(all::add);
    return new Verifiers(all);
  }

  /** Exactly the given verifiers (no plugin discovery). */
  public static Verifiers of(Collection<? extends ComponentSignatureVerifier> verifiers) {
    return new Verifiers(List.copyOf(verifiers));
  }

  /** Registered names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  /**
   * The verifier registered as {@code name}.
   *
   * @throws MosaicException {@link SignatureCodes#UNKNOWN_VERIFIER} when there is none
   */
  public ComponentSignatureVerifier get(String name) {
    ComponentSignatureVerifier v = byName.get(name);
    if (v == null) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.UNKNOWN_VERIFIER, "unknown signature verifier `" + name + "`")
              .withHelp(
                  "known verifiers: "
                      + String.join(", ", names())
                      + "; plugins are found through ServiceLoader (see docs/trust.md)"));
    }
    return v;
  }

  /** Verifies with the named verifier. */
  public VerificationResult verify(
      String verifier, byte[] blob, byte[] signature, TrustAnchors anchors) {
    return get(verifier).verify(blob, signature, anchors);
  }

  /**
   * Checks a component that must be signed: the signature must exist, be in a format the policy
   * allows, and verify against the trust anchors. Every failure names the component.
   *
   * @param subject what is being checked, shown in messages (e.g. the component id)
   * @param blob the component's bytes
   * @param signature its signature, or {@code null} when it has none
   * @param allowed verifier names the policy accepts; empty accepts any registered verifier
   * @throws MosaicException {@link SignatureCodes#UNSIGNED}, {@link
   *     SignatureCodes#VERIFIER_NOT_ALLOWED} or the verifier's code
   */
  public VerificationResult require(
      String subject,
      byte[] blob,
      DetachedSignature signature,
      Set<String> allowed,
      TrustAnchors anchors) {
    if (signature == null) {
      throw new MosaicException(
          Diagnostic.of(SignatureCodes.UNSIGNED, "component `" + subject + "` is not signed")
              .withHelp(
                  "the policy requires a signature"
                      + (allowed.isEmpty()
                          ? ""
                          : " by " + String.join(" or ", new TreeSet<>(allowed)))
                      + "; sign the wasm file and store the signature beside it (see docs/trust.md)"));
    }
    if (!allowed.isEmpty() && !allowed.contains(signature.verifier())) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.VERIFIER_NOT_ALLOWED,
                  "component `"
                      + subject
                      + "` is signed with `"
                      + signature.verifier()
                      + "`, which the policy does not allow")
              .withHelp("allowed: " + String.join(", ", new TreeSet<>(allowed))));
    }
    try {
      return verify(signature.verifier(), blob, signature.bytes(), anchors);
    } catch (MosaicException e) {
      throw about(subject, e);
    }
  }

  private static MosaicException about(String subject, MosaicException e) {
    List<Diagnostic> named =
        e.diagnostics().stream()
            .map(
                d ->
                    new Diagnostic(
                        d.code(),
                        "component `" + subject + "`: " + d.message(),
                        d.location(),
                        d.help()))
            .toList();
    return new MosaicException(named);
  }
}
