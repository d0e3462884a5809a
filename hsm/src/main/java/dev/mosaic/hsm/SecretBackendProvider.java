package dev.mosaic.hsm;

import java.util.Map;

/**
 * Service-provider interface for secret backends, found with {@link java.util.ServiceLoader}. A
 * plugin jar lists its implementation in {@code
 * META-INF/services/dev.mosaic.hsm.SecretBackendProvider}; {@link SecretBackends} picks the
 * provider whose {@link #scheme()} a configuration names. See {@code examples/secret-plugin}.
 */
public interface SecretBackendProvider {

  /** The scheme configurations use to name this backend, e.g. {@code pkcs11} or {@code vault}. */
  String scheme();

  /**
   * Opens a backend from its configuration (string keys and values, documented by the provider).
   * Configuration holds no credentials, only where to find them (see {@link CredentialSource}).
   *
   * @throws dev.mosaic.plan.MosaicException with {@link SecretCodes#BAD_CONFIG} or another E71xx
   *     code when the backend cannot be opened
   */
  SecretBackend create(Map<String, String> config);

  /** Whether the backend is for development only and must be refused in production mode. */
  default boolean developmentOnly() {
    return false;
  }
}
