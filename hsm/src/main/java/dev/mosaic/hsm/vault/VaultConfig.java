package dev.mosaic.hsm.vault;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.plan.io.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a Vault KV version 2 secrets engine.
 *
 * @param address Vault's address, e.g. {@code https://vault.example:8200}
 * @param mount the KV v2 mount path, e.g. {@code secret}
 * @param token where the Vault token comes from (never the token itself)
 * @param namespace Vault Enterprise namespace sent as {@code X-Vault-Namespace}, or empty
 * @param timeout limit for connecting and for each request
 * @param tls TLS settings for {@code https} addresses, or empty for the JDK's defaults
 */
public record VaultConfig(
    URI address,
    String mount,
    CredentialSource token,
    Optional<String> namespace,
    Duration timeout,
    Optional<SSLContext> tls) {

  /** Keys understood by {@link #fromMap}. */
  public static final Set<String> KEYS =
      Set.of(
          "address",
          "mount",
          "token",
          "namespace",
          "timeout",
          "trust-store",
          "trust-store-type",
          "trust-store-password");

  public VaultConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(tls, "tls");
    String scheme = address.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw SecretErrors.error(
          SecretCodes.BAD_CONFIG,
          "vault `address` must start with https:// (or http:// on a trusted network)",
          null);
    }
    mount = strip(mount);
    if (mount.isEmpty()) {
      throw SecretErrors.error(SecretCodes.BAD_CONFIG, "vault `mount` is empty", null);
    }
  }

  /** Mount {@code secret}, no namespace, 10-second timeout, default TLS trust. */
  public static VaultConfig of(URI address, CredentialSource token) {
    return new VaultConfig(
        address, "secret", token, Optional.empty(), Duration.ofSeconds(10), Optional.empty());
  }

  public VaultConfig withMount(String newMount) {
    return new VaultConfig(address, newMount, token, namespace, timeout, tls);
  }

  public VaultConfig withNamespace(String newNamespace) {
    return new VaultConfig(address, mount, token, Optional.of(newNamespace), timeout, tls);
  }

  public VaultConfig withTimeout(Duration newTimeout) {
    return new VaultConfig(address, mount, token, namespace, newTimeout, tls);
  }

  public VaultConfig withTls(SSLContext context) {
    return new VaultConfig(address, mount, token, namespace, timeout, Optional.of(context));
  }

  /**
   * An SSL context trusting the certificates in a trust store (PKCS12 or JKS).
   *
   * @param password the store's password, or {@code null} for a store without one
   */
  public static SSLContext trusting(Path trustStore, String type, CredentialSource password) {
    byte[] bytes =
        InputFiles.read(
            trustStore,
            InputFiles.SMALL_FILE_BYTES,
            InputFiles.TOO_LARGE,
            "vault trust store `" + trustStore + "`");
    char[] secret = password == null ? null : password.read();
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, secret);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw SecretErrors.error(
          SecretCodes.BAD_CONFIG,
          "cannot load vault trust store `" + trustStore + "` as " + type,
          "check the path, the type (PKCS12 or JKS) and `trust-store-password`");
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
  }

  /**
   * Reads {@code address}, {@code token} ({@code env:NAME} or {@code file:PATH}), and optionally
   * {@code mount}, {@code namespace}, {@code timeout} (ISO-8601), {@code trust-store}, {@code
   * trust-store-type} and {@code trust-store-password}.
   */
  public static VaultConfig fromMap(Map<String, String> config, Map<String, String> environment) {
    for (String key : config.keySet()) {
      if (!KEYS.contains(key)) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG,
            "unknown vault setting `" + key + "`",
            "known settings: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String address = config.get("address");
    if (address == null || address.isBlank()) {
      throw SecretErrors.error(SecretCodes.BAD_CONFIG, "vault needs `address`", null);
    }
    URI uri;
    try {
      uri = URI.create(address.strip());
    } catch (IllegalArgumentException e) {
      throw SecretErrors.error(SecretCodes.BAD_CONFIG, "vault `address` is not a uri", null);
    }
    VaultConfig result =
        of(uri, CredentialSource.parse(config.get("token"), "vault `token`", environment));
    if (config.containsKey("mount")) {
      result = result.withMount(config.get("mount"));
    }
    if (config.containsKey("namespace")) {
      result = result.withNamespace(config.get("namespace"));
    }
    if (config.containsKey("timeout")) {
      try {
        result = result.withTimeout(Duration.parse(config.get("timeout")));
      } catch (DateTimeParseException e) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG,
            "vault `timeout` is not an ISO-8601 duration",
            "write it like `PT10S`");
      }
    }
    if (config.containsKey("trust-store")) {
      CredentialSource password =
          config.containsKey("trust-store-password")
              ? CredentialSource.parse(
                  config.get("trust-store-password"), "vault `trust-store-password`", environment)
              : null;
      result =
          result.withTls(
              trusting(
                  Path.of(config.get("trust-store")),
                  config.getOrDefault("trust-store-type", "PKCS12"),
                  password));
    }
    return result;
  }

  private static String strip(String path) {
    String result = path.strip();
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  @Override
  public String toString() {
    return "VaultConfig[" + address + ", " + mount + ", " + token.describe() + "]";
  }
}
