package dev.mosaic.cli.options;

import dev.mosaic.host.audit.JsonLinesAuditLog;
import dev.mosaic.hsm.signature.Keys;
import dev.mosaic.hsm.signature.StoredSignatureVerifier;
import dev.mosaic.hsm.signature.TrustAnchors;
import dev.mosaic.hsm.signature.Verifiers;
import dev.mosaic.interpreter.Mosaic;
import dev.mosaic.plan.PlanValidator;
import dev.mosaic.plan.io.InputFiles;
import dev.mosaic.plan.store.BlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of commands that validate plans: trust anchors for component signatures, audit log. */
public final class TrustOptions {
  @Option(
      names = "--trust-anchor",
      paramLabel = "FILE",
      description = {
        "Trusted for component signatures whose requirement names no key: a PEM public key",
        "(cosign.pub), a PGP public key or a PEM root certificate. Repeatable."
      })
  List<Path> anchors = new ArrayList<>();

  @Option(
      names = "--audit",
      paramLabel = "FILE",
      description =
          "Append audit events (plan validation, signature decisions) to a hash-chained log.")
  Path audit;

  /** Applies the options to a facade builder. */
  public Mosaic.Builder apply(Mosaic.Builder builder) {
    if (!anchors.isEmpty()) {
      builder.trustAnchors(anchors());
    }
    if (audit != null) {
      builder.audit(new JsonLinesAuditLog(audit));
    }
    return builder;
  }

  /** A validator with every verifier and these options' trust anchors, for inspecting a plan. */
  public PlanValidator validator(BlobStore blobs) {
    return StoredSignatureVerifier.install(
            PlanValidator.builder(blobs), Verifiers.load(), Map.of(), anchors())
        .build();
  }

  private TrustAnchors anchors() {
    TrustAnchors.Builder b = TrustAnchors.builder();
    for (Path p : anchors) {
      addAnchor(b, p);
    }
    return b.build();
  }

  /** Reads PEM public keys; E4002 for a missing file, E4117 for one that is not a public key. */
  public static List<PublicKey> publicKeys(List<Path> files) {
    List<PublicKey> keys = new ArrayList<>();
    for (Path p : files) {
      keys.addAll(Keys.readPublicKeys(read(p), p.toString()));
    }
    return keys;
  }

  private static void addAnchor(TrustAnchors.Builder b, Path p) {
    byte[] bytes = read(p);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      b.pgpKeys(bytes, p.toString());
    } else if (text.contains("-----BEGIN CERTIFICATE-----")) {
      b.certificates(bytes, p.toString());
    } else {
      b.publicKeysPem(bytes, p.toString());
    }
  }

  /** A key, certificate or signature file given on the command line. */
  public static byte[] read(Path p) {
    return InputFiles.read(
        p, InputFiles.SMALL_FILE_BYTES, InputFiles.TOO_LARGE, "file `" + p + "`");
  }
}
