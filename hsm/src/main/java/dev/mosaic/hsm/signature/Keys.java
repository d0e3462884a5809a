package dev.mosaic.hsm.signature;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM public and private keys (EC, RSA, Ed25519) into JDK keys, names keys by the SHA-256 of
 * their SubjectPublicKeyInfo, and picks the signature algorithm Mosaic uses for a key: ECDSA with
 * SHA-256 (P-256; SHA-384/512 for larger curves), RSA PKCS#1 v1.5 with SHA-256, or pure Ed25519.
 */
public final class Keys {
  private Keys() {}

  /**
   * Reads every public key in a PEM text ({@code -----BEGIN PUBLIC KEY-----} blocks).
   *
   * @throws MosaicException {@link SignatureCodes#MALFORMED_KEY} when there is none or one cannot
   *     be read
   */
  public static List<PublicKey> readPublicKeys(byte[] pem, String source) {
    List<PublicKey> keys = new ArrayList<>();
    try (PEMParser parser = parser(pem)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof SubjectPublicKeyInfo info) {
          keys.add(publicKey(info, source));
        } else {
          throw malformed(source, "expected a `PUBLIC KEY` PEM block", null);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw malformed(source, "not a PEM public key", e);
    }
    if (keys.isEmpty()) {
      throw malformed(source, "no PEM public key found", null);
    }
    return List.copyOf(keys);
  }

  /** Reads exactly one public key from PEM text. */
  public static PublicKey readPublicKey(byte[] pem, String source) {
    List<PublicKey> keys = readPublicKeys(pem, source);
    if (keys.size() != 1) {
      throw malformed(source, "expected one public key, found " + keys.size(), null);
    }
    return keys.getFirst();
  }

  /**
   * Reads an unencrypted private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}) or SEC1 ({@code
   * BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes).
   */
  public static PrivateKey readPrivateKey(byte[] pem, String source) {
    try (PEMParser parser = parser(pem)) {
      Object object = parser.readObject();
      PrivateKeyInfo info =
          switch (object) {
            case PrivateKeyInfo pki -> pki;
            case PEMKeyPair pair -> pair.getPrivateKeyInfo();
            case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(source);
            case PEMEncryptedKeyPair ignored -> throw encrypted(source);
            case null -> throw malformed(source, "no PEM private key found", null);
            default -> throw malformed(source, "expected a `PRIVATE KEY` PEM block", null);
          };
      String algorithm = algorithm(info.getPrivateKeyAlgorithm().getAlgorithm(), source);
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw malformed(source, "not a PEM private key", e);
    }
  }

  /**
   * Reads an unencrypted private key from PEM and derives its public key, so a signer can name
   * itself by {@link #keyId(PublicKey)} from the private key file alone.
   */
  public static KeyPair readKeyPair(byte[] pem, String source) {
    PrivateKey privateKey = readPrivateKey(pem, source);
    try {
      AsymmetricKeyParameter params = PrivateKeyFactory.createKey(privateKey.getEncoded());
      AsymmetricKeyParameter publicParams =
          switch (params) {
            case Ed25519PrivateKeyParameters ed -> ed.generatePublicKey();
            case ECPrivateKeyParameters ec ->
                new ECPublicKeyParameters(
                    new FixedPointCombMultiplier()
                        .multiply(ec.getParameters().getG(), ec.getD())
                        .normalize(),
                    ec.getParameters());
            case RSAPrivateCrtKeyParameters rsa ->
                new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            default -> throw malformed(source, "cannot derive the public key", null);
          };
      SubjectPublicKeyInfo info =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParams);
      return new KeyPair(publicKey(info, source), privateKey);
    } catch (IOException | IllegalArgumentException e) {
      throw malformed(source, "cannot derive the public key", e);
    }
  }

  /** Converts a DER SubjectPublicKeyInfo to a JDK public key. */
  public static PublicKey publicKey(SubjectPublicKeyInfo info, String source) {
    try {
      String algorithm = algorithm(info.getAlgorithm().getAlgorithm(), source);
      return KeyFactory.getInstance(algorithm)
          .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw malformed(source, "unreadable public key", e);
    }
  }

  /** {@code sha256:<hex>} of the key's DER SubjectPublicKeyInfo: the key id used in envelopes. */
  public static String keyId(PublicKey key) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * Whether {@code signature} over {@code data} verifies with {@code key}; false as well for keys
   * of a kind Mosaic does not sign with.
   *
   * @throws IllegalStateException when the JDK lacks the algorithm for a supported key
   */
  public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    String algorithm;
    try {
      algorithm = signatureAlgorithm(key);
    } catch (MosaicException unsupported) {
      return false;
    }
    try {
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (java.security.SignatureException | java.security.InvalidKeyException notThisKey) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot verify " + algorithm, e);
    }
  }

  /**
   * The JCA signature algorithm Mosaic uses with a key of this type.
   *
   * @throws MosaicException {@link SignatureCodes#MALFORMED_KEY} for an unsupported key type
   */
  public static String signatureAlgorithm(Key key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> {
        int bits =
            key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 256;
        yield bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
      }
      case "RSA" -> "SHA256withRSA";
      case "Ed25519" -> "Ed25519";
      case "EdDSA" -> {
        if (key instanceof EdECKey ed && !"Ed25519".equals(ed.getParams().getName())) {
          throw new MosaicException(
              Diagnostic.of(
                      SignatureCodes.MALFORMED_KEY,
                      "unsupported key type `" + ed.getParams().getName() + "`")
                  .withHelp("use an ECDSA P-256, RSA or Ed25519 key"));
        }
        yield "Ed25519";
      }
      default ->
          throw new MosaicException(
              Diagnostic.of(
                      SignatureCodes.MALFORMED_KEY,
                      "unsupported key type `" + key.getAlgorithm() + "`")
                  .withHelp("use an ECDSA P-256, RSA or Ed25519 key"));
    };
  }

  private static String algorithm(ASN1ObjectIdentifier oid, String source) {
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new MosaicException(
        Diagnostic.of(
                SignatureCodes.MALFORMED_KEY,
                "unsupported key algorithm " + oid.getId() + " in `" + source + "`")
            .withHelp("use an ECDSA P-256, RSA or Ed25519 key"));
  }

  private static PEMParser parser(byte[] pem) {
    return new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)));
  }

  private static MosaicException encrypted(String source) {
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_KEY, "private key `" + source + "` is encrypted")
            .withHelp(
                "decrypt it first: `openssl pkcs8 -topk8 -nocrypt -in KEY -out plain.pem`, or keep"
                    + " the key on a PKCS#11 token"));
  }

  static MosaicException malformed(String source, String what, Exception cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new MosaicException(
        Diagnostic.of(SignatureCodes.MALFORMED_KEY, "`" + source + "`: " + what + firstLine(detail))
            .withHelp("give a PEM file as written by `openssl pkey -pubout` or `cosign`"));
  }

  static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }
}
