package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.io.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * What a host trusts to sign components: raw public keys (cosign), PGP public keys, X.509 root
 * certificates, and named material for plugin verifiers; plus the instant at which certificate and
 * key validity is judged (now, unless set). Immutable; build with {@link #builder()}.
 */
public final class TrustAnchors {
  private final List<PublicKey> publicKeys;
  private final PGPPublicKeyRingCollection pgpKeys;
  private final List<X509Certificate> certificates;
  private final Map<String, List<byte[]>> material;
  private final Clock clock;

  private TrustAnchors(Builder b) {
    this.publicKeys = List.copyOf(b.publicKeys);
    try {
      this.pgpKeys = new PGPPublicKeyRingCollection(b.pgpRings);
    } catch (IllegalArgumentException e) {
      throw Keys.malformed("pgp keys", "the same PGP key was added twice", e);
    }
    this.certificates = List.copyOf(b.certificates);
    Map<String, List<byte[]>> copy = new LinkedHashMap<>();
    b.material.forEach((k, v) -> copy.put(k, v.stream().map(byte[]::clone).toList()));
    this.material = Map.copyOf(copy);
    this.clock = b.clock;
  }

  /** Trusts nothing: every signature is rejected as untrusted. */
  public static TrustAnchors none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Public keys trusted for raw signatures (cosign key-based signing, signed plans). */
  public List<PublicKey> publicKeys() {
    return publicKeys;
  }

  /** Trusted PGP public keys. */
  public PGPPublicKeyRingCollection pgpKeys() {
    return pgpKeys;
  }

  /** Trusted X.509 root (or intermediate) certificates that a signer's chain must end in. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** Plugin-specific trust material registered under {@code name} (copies), possibly empty. */
  public List<byte[]> material(String name) {
    return material.getOrDefault(name, List.of()).stream().map(byte[]::clone).toList();
  }

  /** The instant at which certificate and key validity is judged. */
  public Instant now() {
    return clock.instant();
  }

  /** Builds {@link TrustAnchors}; every {@code add} method validates what it reads. */
  public static final class Builder {
    private final List<PublicKey> publicKeys = new ArrayList<>();
    private final List<PGPPublicKeyRing> pgpRings = new ArrayList<>();
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final Map<String, List<byte[]>> material = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder publicKey(PublicKey key) {
      publicKeys.add(key);
      return this;
    }

    /** Adds every {@code PUBLIC KEY} block of a PEM text. */
    public Builder publicKeysPem(byte[] pem, String source) {
      publicKeys.addAll(Keys.readPublicKeys(pem, source));
      return this;
    }

    public Builder publicKeyFile(Path file) {
      return publicKeysPem(read(file), file.toString());
    }

    /** Adds PGP public keys, armored ({@code gpg --armor --export}) or binary. */
    public Builder pgpKeys(byte[] keys, String source) {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keys))) {
        PGPPublicKeyRingCollection rings =
            new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        if (!rings.getKeyRings().hasNext()) {
          throw Keys.malformed(source, "no PGP public key found", null);
        }
        rings.forEach(pgpRings::add);
      } catch (IOException | PGPException | RuntimeException e) {
        if (e instanceof MosaicException m) {
          throw m;
        }
        throw Keys.malformed(source, "not a PGP public key", e);
      }
      return this;
    }

    public Builder pgpKeyFile(Path file) {
      return pgpKeys(read(file), file.toString());
    }

    public Builder certificate(X509Certificate certificate) {
      certificates.add(certificate);
      return this;
    }

    /** Adds every certificate of a PEM or DER file. */
    public Builder certificates(byte[] encoded, String source) {
      try {
        Collection<? extends java.security.cert.Certificate> read =
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(encoded));
        if (read.isEmpty()) {
          throw Keys.malformed(source, "no certificate found", null);
        }
        read.forEach(c -> certificates.add((X509Certificate) c));
      } catch (CertificateException e) {
        throw Keys.malformed(source, "not an X.509 certificate", e);
      }
      return this;
    }

    public Builder certificateFile(Path file) {
      return certificates(read(file), file.toString());
    }

    /** Adds trust material for a plugin verifier; read it back with {@link #material(String)}. */
    public Builder material(String name, byte[] bytes) {
      material.computeIfAbsent(name, k -> new ArrayList<>()).add(bytes.clone());
      return this;
    }

    /** Judges validity at the clock's instant instead of the system clock's. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public TrustAnchors build() {
      return new TrustAnchors(this);
    }

    private static byte[] read(Path file) {
      return InputFiles.read(
          file, InputFiles.SMALL_FILE_BYTES, InputFiles.TOO_LARGE, "trust anchor `" + file + "`");
    }
  }
}
