package dev.mosaic.hsm.attest;

import dev.mosaic.hsm.signature.Keys;
import dev.mosaic.hsm.signature.SignatureCodes;
import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.Diagnostic;
import dev.mosaic.plan.io.InputFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs with a {@link PrivateKey} through {@link Signature}. The key may live in a file ({@link
 * #fromPemFile}) or on a token: pass the {@code PrivateKey} a PKCS#11 {@code KeyStore} returns and
 * its provider, and the private key never leaves the token.
 */
public final class KeySigner implements PlanSigner {
  private final PrivateKey privateKey;
  private final String keyId;
  private final String algorithm;
  private final Provider provider;

  private KeySigner(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.keyId = Keys.keyId(publicKey);
    this.algorithm = Keys.signatureAlgorithm(publicKey);
    this.provider = provider;
  }

  /**
   * A signer for a key pair; the JDK picks a provider that accepts the private key (delayed
   * provider selection), which finds SunPKCS11 for token keys.
   */
  public static KeySigner of(PrivateKey privateKey, PublicKey publicKey) {
    return new KeySigner(privateKey, publicKey, null);
  }

  /** A signer that uses exactly {@code provider}, e.g. a configured SunPKCS11 instance. */
  public static KeySigner of(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
    return new KeySigner(privateKey, publicKey, Objects.requireNonNull(provider, "provider"));
  }

  /**
   * A signer for an unencrypted PEM private key: ECDSA P-256 ({@code openssl ecparam -genkey -name
   * prime256v1} or PKCS#8), Ed25519 ({@code openssl genpkey -algorithm ed25519}) or RSA.
   */
  public static KeySigner fromPem(byte[] pem, String source) {
    KeyPair pair = Keys.readKeyPair(pem, source);
    return new KeySigner(pair.getPrivate(), pair.getPublic(), null);
  }

  public static KeySigner fromPemFile(Path file) {
    return fromPem(
        InputFiles.read(
            file, InputFiles.SMALL_FILE_BYTES, InputFiles.TOO_LARGE, "signing key `" + file + "`"),
        file.toString());
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature signature =
          provider == null
              ? Signature.getInstance(algorithm)
              : Signature.getInstance(algorithm, provider);
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new MosaicException(
          Diagnostic.of(
                  SignatureCodes.MALFORMED_KEY,
                  "cannot sign with key " + keyId + ": " + e.getMessage())
              .withHelp("the key type must match its public key and be usable for " + algorithm));
    }
  }

  @Override
  public String toString() {
    return "KeySigner[" + keyId + ", " + algorithm + "]";
  }
}
