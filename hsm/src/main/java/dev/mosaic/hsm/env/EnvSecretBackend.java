package dev.mosaic.hsm.env;

import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.LocalKeys;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Secrets from environment variables, for development only: it cannot be opened when the host runs
 * in production mode ({@link HostMode}). The secret {@code db/password} is read from {@code
 * MOSAIC_SECRET_DB_PASSWORD}: the prefix, then the name in upper case with every character that is
 * not a letter or digit turned into {@code _}.
 */
public final class EnvSecretBackend implements SecretBackend {
  /** Prefix of the variables by default. */
  public static final String DEFAULT_PREFIX = "MOSAIC_SECRET_";

  private final Map<String, String> environment;
  private final String prefix;

  /**
   * @param mode the host's mode; production is refused with {@link SecretCodes#DEVELOPMENT_ONLY}
   * @param environment the variables to read (the process environment in a host)
   * @param prefix prefix of variable names
   */
  public EnvSecretBackend(HostMode mode, Map<String, String> environment, String prefix) {
    if (mode == HostMode.PRODUCTION) {
      throw SecretErrors.developmentOnly("env");
    }
    this.environment = Map.copyOf(environment);
    this.prefix = prefix;
  }

  /** The variable that holds secret {@code name}. */
  public String variableFor(String name) {
    StringBuilder variable = new StringBuilder(prefix);
    for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
      variable.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return variable.toString();
  }

  @Override
  public String id() {
    return "env://" + prefix;
  }

  @Override
  public Secret read(String name) {
    String variable = variableFor(name);
    String value = environment.get(variable);
    if (value == null) {
      throw SecretErrors.error(
          SecretCodes.SECRET_NOT_FOUND,
          "no secret `" + name + "` in the environment",
          "set `" + variable + "` (development only)");
    }
    return new Secret(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Computed in the host process from the variable's value (development only). */
  @Override
  public byte[] hmacSha256(String keyName, byte[] data) {
    return LocalKeys.hmacSha256(this, keyName, data);
  }

  @Override
  public String toString() {
    return "EnvSecretBackend[" + prefix + "]";
  }
}
