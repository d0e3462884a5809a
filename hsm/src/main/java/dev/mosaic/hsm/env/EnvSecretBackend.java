package dev.mosaic.hsm.env;

import dev.mosaic.hsm.HostMode;
import dev.mosaic.hsm.LocalKeys;
import dev.mosaic.hsm.Secret;
import dev.mosaic.hsm.SecretBackend;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import dev.mosaic.hsm.SecretNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets from environment variables, for development only: it cannot be opened when the host runs
 * in production mode ({@link HostMode}). The secret {@code db/password} is read from {@code
 * MOSAIC_SECRET_DB__PASSWORD} and {@code api-key} from {@code MOSAIC_SECRET_API_KEY}: the prefix,
 * then the name in upper case with {@code -} turned into {@code _} and {@code /} into {@code __}.
 *
 * <p>The mapping is injective, so no two secret names reach one variable: it takes names whose
 * segments are lowercase letters and digits joined by single {@code -} (so a variable name never
 * holds {@code ___} and splits back into one name only). Any other name, such as {@code db/ROOT},
 * {@code db_root} or {@code db.root}, which an upper-casing mapping would send to the variable of
 * {@code db/root}, is refused with E7119.
 */
public final class EnvSecretBackend implements SecretBackend {
  /** Prefix of the variables by default. */
  public static final String DEFAULT_PREFIX = "MOSAIC_SECRET_";

  private static final Pattern ENV_NAME =
      Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*");

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

  /**
   * The variable that holds secret {@code name}.
   *
   * @throws dev.mosaic.plan.MosaicException E7119 when the name has no variable of its own
   */
  public String variableFor(String name) {
    SecretNames.check(name);
    if (!ENV_NAME.matcher(name).matches()) {
      throw SecretErrors.error(
          SecretCodes.BAD_SECRET_NAME,
          "the env backend cannot hold secret name `" + name + "`",
          "env secret names are lowercase letters and digits, joined by single `-` within a"
              + " segment and by `/` between segments, e.g. `db/api-key`");
    }
    StringBuilder variable = new StringBuilder(prefix);
    for (String segment : name.split("/")) {
      if (variable.length() > prefix.length()) {
        variable.append("__");
      }
      variable.append(segment.replace('-', '_').toUpperCase(Locale.ROOT));
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
