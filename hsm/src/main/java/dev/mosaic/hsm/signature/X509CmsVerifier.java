package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Verifies detached CMS/PKCS#7 signatures ({@code openssl cms -sign -binary -detach} or {@code
 * openssl smime -sign -binary}, PEM or DER) whose signing certificate chains to one of the trusted
 * X.509 certificates.
 *
 * <p>Checked, in this order: every certificate the signature carries that is used in the chain, and
 * the trust anchor itself, is valid at {@link TrustAnchors#now()} ({@link SignatureCodes#EXPIRED});
 * the signer certificate's key usage, when present, includes {@code digitalSignature} and its
 * extended key usage, when present, includes {@code codeSigning} ({@link
 * SignatureCodes#WRONG_USAGE}); the signature matches the blob ({@link
 * SignatureCodes#BAD_SIGNATURE}); a PKIX path leads from the signer to a trust anchor ({@link
 * SignatureCodes#UNTRUSTED_KEY}). Revocation (CRL, OCSP) is not checked: a host that needs it runs
 * short-lived certificates or a plugin verifier.
 */
public final class X509CmsVerifier implements ComponentSignatureVerifier {
  /** The name policies use for this verifier. */
  public static final String NAME = "x509";

  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
  private static final int MAX_SIGNATURE = 1024 * 1024;
  private static final int MAX_SIGNERS = 16;

  private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationResult verify(byte[] blob, byte[] signature, TrustAnchors anchors) {
    try {
      return verifyParsed(parse(blob, signature), anchors);
    } catch (MosaicException e) {
      throw e;
    } catch (RuntimeException e) {
      // BouncyCastle parses nested ASN.1 lazily and reports structure errors unchecked.
      throw malformed(message(e));
    }
  }

  private VerificationResult verifyParsed(CMSSignedData cms, TrustAnchors anchors) {
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.isEmpty() || signers.size() > MAX_SIGNERS) {
      throw malformed("expected 1 to " + MAX_SIGNERS + " signers, found " + signers.size());
    }
    List<X509Certificate> carried = certificates(cms);
    MosaicException first = null;
    for (SignerInformation signer : signers) {
      try {
        return check(cms, signer, carried, anchors);
      } catch (MosaicException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  private VerificationResult check(
      CMSSignedData cms,
      SignerInformation signer,
      List<X509Certificate> carried,
      TrustAnchors anchors) {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
    if (matches.isEmpty()) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.MALFORMED_SIGNATURE,
                  "cms signature does not carry its signer's certificate")
              .withHelp("sign without `-nocerts` so the certificate is included"));
    }
    X509CertificateHolder holder = matches.iterator().next();
    X509Certificate leaf = convert(holder);
    String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
    Instant now = anchors.now();
    checkValid(leaf, now);
    checkUsage(leaf, subject);
    boolean valid;
    try {
      valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
    } catch (OperatorCreationException | CertificateException e) {
      throw new MosaicException(
          Diagnostic.of(
              SignatureCodes.MALFORMED_KEY,
              "certificate `" + subject + "` has an unusable key: " + message(e)));
    } catch (CMSException e) {
      valid = false;
    }
    if (!valid) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.BAD_SIGNATURE,
                  "cms signature by `" + subject + "` does not match the blob")
              .withHelp("the blob changed after it was signed, or the signature is damaged"));
    }
    checkChain(leaf, subject, carried, anchors, now);
    return new VerificationResult(NAME, subject, fingerprint(leaf));
  }

  private static void checkUsage(X509Certificate leaf, String subject) {
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.WRONG_USAGE,
                  "certificate `" + subject + "` key usage does not include `digitalSignature`")
              .withHelp("issue the signing certificate with `keyUsage = digitalSignature`"));
    }
    List<String> extended;
    try {
      extended = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new MosaicException(
          Diagnostic.of(
              SignatureCodes.MALFORMED_KEY,
              "certificate `" + subject + "` has a malformed extended key usage"));
    }
    if (extended != null
        && !extended.contains(CODE_SIGNING)
        && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.WRONG_USAGE,
                  "certificate `" + subject + "` extended key usage does not include `codeSigning`")
              .withHelp("issue the signing certificate with `extendedKeyUsage = codeSigning`"));
    }
  }

  private void checkChain(
      X509Certificate leaf,
      String subject,
      List<X509Certificate> carried,
      TrustAnchors anchors,
      Instant now) {
    if (anchors.certificates().isEmpty()) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.UNTRUSTED_KEY,
                  "no X.509 trust anchor is configured to check `" + subject + "`")
              .withHelp("add the issuing root certificate to the trust anchors"));
    }
    PKIXCertPathBuilderResult path = build(leaf, carried, anchors, now);
    if (path != null) {
      return;
    }
    // A path that exists at the leaf's start of validity but not now has an expired member:
    // name it rather than calling the whole chain untrusted.
    PKIXCertPathBuilderResult then =
        build(leaf, carried, anchors, leaf.getNotBefore().toInstant().plusSeconds(1));
    if (then != null) {
      List<X509Certificate> members = new ArrayList<>();
      then.getCertPath().getCertificates().forEach(c -> members.add((X509Certificate) c));
      X509Certificate root = then.getTrustAnchor().getTrustedCert();
      if (root != null) {
        members.add(root);
      }
      for (X509Certificate c : members) {
        checkValid(c, now);
      }
    }
    throw new MosaicException(
        Diagnostic.of(
                SignatureCodes.UNTRUSTED_KEY,
                "certificate `" + subject + "` does not chain to a trusted root")
            .withHelp(
                "issued by `"
                    + leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)
                    + "`; add that root to the trust anchors or include the intermediates in the"
                    + " signature"));
  }

  private static PKIXCertPathBuilderResult build(
      X509Certificate leaf, List<X509Certificate> carried, TrustAnchors anchors, Instant at) {
    try {
      Set<TrustAnchor> roots =
          anchors.certificates().stream()
              .map(c -> new TrustAnchor(c, null))
              .collect(Collectors.toSet());
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters params = new PKIXBuilderParameters(roots, target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      List<X509Certificate> pool = new ArrayList<>(carried);
      pool.add(leaf);
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    } catch (CertPathBuilderException e) {
      return null;
    } catch (InvalidAlgorithmParameterException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKIX is required by the Java platform", e);
    }
  }

  private static void checkValid(X509Certificate cert, Instant now) {
    String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    try {
      cert.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.EXPIRED,
                  "certificate `" + subject + "` expired at " + cert.getNotAfter().toInstant())
              .withHelp("re-sign the blob with a current certificate"));
    } catch (CertificateNotYetValidException e) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.EXPIRED,
                  "certificate `"
                      + subject
                      + "` is not valid before "
                      + cert.getNotBefore().toInstant())
              .withHelp("check the clocks of the signer and of this host"));
    }
  }

  private List<X509Certificate> certificates(CMSSignedData cms) {
    List<X509Certificate> out = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
    for (X509CertificateHolder h : all) {
      out.add(convert(h));
    }
    return out;
  }

  private X509Certificate convert(X509CertificateHolder holder) {
    try {
      return converter.getCertificate(holder);
    } catch (CertificateException e) {
      throw malformed("unreadable certificate: " + message(e));
    }
  }

  private static CMSSignedData parse(byte[] blob, byte[] signature) {
    if (signature.length > MAX_SIGNATURE) {
      throw malformed("signature file is " + signature.length + " bytes, too large");
    }
    byte[] der = signature;
    String head =
        new String(signature, 0, Math.min(signature.length, 64), StandardCharsets.US_ASCII);
    if (head.stripLeading().startsWith("-----BEGIN ")) {
      try (PemReader reader =
          new PemReader(new StringReader(new String(signature, StandardCharsets.US_ASCII)))) {
        PemObject pem = reader.readPemObject();
        if (pem == null) {
          throw malformed("no PEM block found");
        }
        der = pem.getContent();
      } catch (IOException e) {
        throw malformed("bad PEM: " + message(e));
      }
    }
    try {
      CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(blob), der);
      if (cms.getSignedContent() == null) {
        throw malformed("no detached content");
      }
      return cms;
    } catch (CMSException | RuntimeException e) {
      if (e instanceof MosaicException m) {
        throw m;
      }
      throw malformed(message(e));
    }
  }

  private static String fingerprint(X509Certificate cert) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a parsed certificate", e);
    }
  }

  private static String message(Exception e) {
    return Keys.firstLine(String.valueOf(e.getMessage()));
  }

  private static MosaicException malformed(String message) {
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_SIGNATURE, "malformed cms signature: " + message)
            .withHelp(
                "expected `openssl cms -sign -binary -detach` output (PEM or `-outform DER`)"));
  }
}
