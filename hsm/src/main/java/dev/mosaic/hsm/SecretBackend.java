package dev.mosaic.hsm;

/**
 * Where secrets come from: a PKCS#11 token, the environment (development only), Vault, or a plugin.
 * Implementations are thread-safe. Errors are {@link dev.mosaic.plan.MosaicException}s with E71xx
 * codes ({@link SecretCodes}) whose messages never contain secret values.
 *
 * <p>The key operations ({@link #hmacSha256}, {@link #sign}, {@link #encrypt}, {@link #decrypt})
 * let the host use a key without handing it to a guest. On a PKCS#11 token the key never leaves the
 * token; backends without a crypto engine (env, Vault KV) compute in the host process, so the key
 * reaches host memory (and is wiped after use) but never a guest.
 */
public interface SecretBackend extends AutoCloseable {

  /** A URI-like name for audit events, e.g. {@code pkcs11://mosaic} or {@code vault://kv}. */
  String id();

  /** Reads a secret value by name. */
  Secret read(String name);

  /**
   * Computes HMAC-SHA256 over {@code data} with the named key without the key leaving the backend
   * (use-without-reading).
   */
  byte[] hmacSha256(String keyName, byte[] data);

  /** Signs {@code data} with the named private key; unsupported unless the backend overrides it. */
  default byte[] sign(String keyName, SignatureAlgorithm algorithm, byte[] data) {
    throw unsupported("sign");
  }

  /**
   * Encrypts {@code plaintext} with the named AES key in GCM mode; returns the 12-byte nonce
   * followed by the ciphertext and the 16-byte tag. Unsupported unless the backend overrides it.
   */
  default byte[] encrypt(String keyName, byte[] plaintext) {
    throw unsupported("encrypt");
  }

  /** Reverses {@link #encrypt}; unsupported unless the backend overrides it. */
  default byte[] decrypt(String keyName, byte[] nonceAndCiphertext) {
    throw unsupported("decrypt");
  }

  @Override
  default void close() {}

  private RuntimeException unsupported(String operation) {
    return SecretErrors.error(
        SecretCodes.OPERATION_UNSUPPORTED,
        "backend `" + id() + "` cannot " + operation,
        "use a pkcs11 backend for keys that must " + operation + " without being read");
  }
}
