package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Verifies OpenPGP detached signatures ({@code gpg --detach-sign}, binary or {@code --armor}) with
 * BouncyCastle against the trusted PGP public keys. The signing key (primary or subkey) must be in
 * the trust anchors, not revoked, not expired at {@link TrustAnchors#now()}, and allowed to sign
 * data by its key flags. Only binary-document signatures are accepted: wasm is binary, and a
 * text-mode signature would verify a line-ending-normalized copy rather than the exact bytes.
 */
public final class PgpVerifier implements ComponentSignatureVerifier {
  /** The name policies use for this verifier. */
  public static final String NAME = "pgp";

  private static final int MAX_SIGNATURE = 64 * 1024;
  private static final int MAX_SIGNATURES = 16;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationResult verify(byte[] blob, byte[] signature, TrustAnchors anchors) {
    MosaicException first = null;
    for (PGPSignature sig : parse(signature)) {
      try {
        return check(sig, blob, anchors);
      } catch (MosaicException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  private static VerificationResult check(PGPSignature sig, byte[] blob, TrustAnchors anchors) {
    if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.MALFORMED_SIGNATURE,
                  "pgp signature has type 0x"
                      + Integer.toHexString(sig.getSignatureType())
                      + ", expected a binary document signature (0x0)")
              .withHelp("sign with `gpg --detach-sign` without `--textmode` or `--clearsign`"));
    }
    String keyIdHex = hexKeyId(sig.getKeyID());
    PGPPublicKey key = anchors.pgpKeys().getPublicKey(sig.getKeyID());
    PGPPublicKeyRing ring = anchors.pgpKeys().getPublicKeyRing(sig.getKeyID());
    if (key == null || ring == null) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.UNTRUSTED_KEY,
                  "pgp signature is by key " + keyIdHex + ", which is not trusted")
              .withHelp(
                  "add the signer's key (`gpg --armor --export KEYID`) to the trusted PGP keys"));
    }
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    if (key.hasRevocation() || primary.hasRevocation()) {
      throw new MosaicException(
          Diagnostic.of(SignatureCodes.UNTRUSTED_KEY, "pgp key " + fingerprint + " is revoked"));
    }
    checkUsage(key, primary, fingerprint);
    checkValidity(key, anchors.now(), fingerprint);
    if (key != primary) {
      checkValidity(primary, anchors.now(), fingerprint);
    }
    boolean valid;
    try {
      sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
      sig.update(blob);
      valid = sig.verify();
    } catch (RuntimeException damaged) {
      // BouncyCastle reports some damaged signature values (e.g. an invalid curve point) this way.
      valid = false;
    } catch (PGPException e) {
      throw new MosaicException(
          Diagnostic.of(
              SignatureCodes.MALFORMED_SIGNATURE,
              "pgp signature cannot be checked: "
                  + Keys.firstLine(String.valueOf(e.getMessage()))));
    }
    if (!valid) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.BAD_SIGNATURE,
                  "pgp signature by " + fingerprint + " does not match the blob")
              .withHelp("the blob changed after it was signed, or the signature is damaged"));
    }
    return new VerificationResult(NAME, userId(primary, fingerprint), fingerprint);
  }

  private static void checkUsage(PGPPublicKey key, PGPPublicKey primary, String fingerprint) {
    int flags = keyFlags(key, key == primary);
    if (flags >= 0 && (flags & KeyFlags.SIGN_DATA) == 0) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.WRONG_USAGE,
                  "pgp key " + fingerprint + " is not allowed to sign data")
              .withHelp("its key flags lack `sign`; sign with a signing key or subkey"));
    }
  }

  /** Key flags from the newest self or binding signature, or -1 when none states them. */
  private static int keyFlags(PGPPublicKey key, boolean isPrimary) {
    int[] types =
        isPrimary
            ? new int[] {
              PGPSignature.DIRECT_KEY,
              PGPSignature.POSITIVE_CERTIFICATION,
              PGPSignature.CASUAL_CERTIFICATION,
              PGPSignature.NO_CERTIFICATION,
              PGPSignature.DEFAULT_CERTIFICATION
            }
            : new int[] {PGPSignature.SUBKEY_BINDING};
    PGPSignature newest = null;
    for (int type : types) {
      Iterator<PGPSignature> it = key.getSignaturesOfType(type);
      while (it.hasNext()) {
        PGPSignature s = it.next();
        if (s.getHashedSubPackets() != null
            && s.getHashedSubPackets().getKeyFlags() != 0
            && (newest == null || s.getCreationTime().after(newest.getCreationTime()))) {
          newest = s;
        }
      }
    }
    return newest == null ? -1 : newest.getHashedSubPackets().getKeyFlags();
  }

  private static void checkValidity(PGPPublicKey key, Instant now, String fingerprint) {
    Instant created = key.getCreationTime().toInstant();
    long validSeconds = key.getValidSeconds();
    if (now.isBefore(created)) {
      throw new MosaicException(
          Diagnostic.of(
              SignatureCodes.EXPIRED,
              "pgp key " + fingerprint + " is not valid before " + created));
    }
    if (validSeconds > 0 && now.isAfter(created.plusSeconds(validSeconds))) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.EXPIRED,
                  "pgp key " + fingerprint + " expired at " + created.plusSeconds(validSeconds))
              .withHelp(
                  "the signer must extend the key (`gpg --quick-set-expire`) or use a new one"));
    }
  }

  private static String userId(PGPPublicKey primary, String fingerprint) {
    Iterator<String> ids = primary.getUserIDs();
    return ids.hasNext() ? ids.next() : fingerprint;
  }

  private static String hexKeyId(long keyId) {
    return HexFormat.of().withUpperCase().toHexDigits(keyId);
  }

  private static List<PGPSignature> parse(byte[] signature) {
    if (signature.length > MAX_SIGNATURE) {
      throw malformed("signature file is " + signature.length + " bytes, too large");
    }
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
      JcaPGPObjectFactory factory = new JcaPGPObjectFactory(in);
      Object object = factory.nextObject();
      while (object instanceof PGPMarker) {
        object = factory.nextObject();
      }
      if (object instanceof PGPCompressedData compressed) {
        object = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
      }
      if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
        throw malformed("no signature packet found");
      }
      List<PGPSignature> out = new ArrayList<>();
      for (PGPSignature s : list) {
        if (out.size() == MAX_SIGNATURES) {
          throw malformed("more than " + MAX_SIGNATURES + " signatures");
        }
        out.add(s);
      }
      return out;
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof MosaicException m) {
        throw m;
      }
      throw malformed(Keys.firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static MosaicException malformed(String message) {
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_SIGNATURE, "malformed pgp signature: " + message)
            .withHelp("expected the output of `gpg --detach-sign` (binary or `--armor`)"));
  }
}
