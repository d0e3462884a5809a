package dev.mosaic.hsm;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds secret backend providers (built in: {@code pkcs11}, {@code vault}, {@code env}; plugins
 * through {@link ServiceLoader}) and opens backends by scheme, refusing development-only backends
 * in production mode.
 */
public final class SecretBackends {
  private final Map<String, SecretBackendProvider> providers;
  private final HostMode mode;

  private SecretBackends(Map<String, SecretBackendProvider> providers, HostMode mode) {
    this.providers = providers;
    this.mode = mode;
  }

  /** Providers visible to this class's loader, in the mode of this process. */
  public static SecretBackends discover() {
    return discover(SecretBackends.class.getClassLoader(), HostMode.current());
  }

  /**
   * Providers visible to {@code loader}, for a host in {@code mode}.
   *
   * @throws dev.mosaic.plan.MosaicException with {@link SecretCodes#BAD_CONFIG} when two providers
   *     claim the same scheme
   */
  public static SecretBackends discover(ClassLoader loader, HostMode mode) {
    Map<String, SecretBackendProvider> found = new TreeMap<>();
    for (SecretBackendProvider provider : ServiceLoader.load(SecretBackendProvider.class, loader)) {
      SecretBackendProvider other = found.putIfAbsent(provider.scheme(), provider);
      if (other != null && other.getClass() != provider.getClass()) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG,
            "two secret backend providers claim scheme `" + provider.scheme() + "`",
            "`"
                + other.getClass().getName()
                + "` and `"
                + provider.getClass().getName()
                + "`; remove one plugin from the class path");
      }
    }
    return new SecretBackends(found, mode);
  }

  /** The schemes that can be opened. */
  public Set<String> schemes() {
    return Collections.unmodifiableSet(providers.keySet());
  }

  /** The host mode backends are opened in. */
  public HostMode mode() {
    return mode;
  }

  /**
   * Opens the backend for {@code scheme} with {@code config}.
   *
   * @throws dev.mosaic.plan.MosaicException {@link SecretCodes#UNKNOWN_SCHEME} when no provider
   *     handles it, {@link SecretCodes#DEVELOPMENT_ONLY} when it is for development and the host
   *     runs in production, or the provider's own error
   */
  public SecretBackend open(String scheme, Map<String, String> config) {
    SecretBackendProvider provider = providers.get(scheme);
    if (provider == null) {
      throw SecretErrors.error(
          SecretCodes.UNKNOWN_SCHEME,
          "no secret backend for scheme `" + scheme + "`",
          "known schemes: "
              + String.join(", ", providers.keySet())
              + "; a plugin jar on the class path adds more");
    }
    if (provider.developmentOnly() && mode == HostMode.PRODUCTION) {
      throw SecretErrors.developmentOnly(scheme);
    }
    return provider.create(Map.copyOf(config));
  }
}
