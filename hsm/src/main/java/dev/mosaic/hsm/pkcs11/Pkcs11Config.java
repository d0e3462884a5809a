package dev.mosaic.hsm.pkcs11;

import dev.mosaic.hsm.CredentialSource;
import dev.mosaic.hsm.SecretCodes;
import dev.mosaic.hsm.SecretErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach a PKCS#11 token.
 *
 * @param library the module library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param token which token
 * @param pin where the user PIN comes from (never the PIN itself)
 * @param maxSessions most sessions open at once; concurrent calls beyond wait for one
 * @param borrowTimeout how long a call waits for a free session
 */
public record Pkcs11Config(
    Path library,
    TokenSelector token,
    CredentialSource pin,
    int maxSessions,
    Duration borrowTimeout) {

  /** Keys understood by {@link #fromMap}. */
  public static final Set<String> KEYS =
      Set.of("library", "token-label", "slot", "pin", "max-sessions", "session-timeout");

  public Pkcs11Config {
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(borrowTimeout, "borrowTimeout");
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1");
    }
  }

  /** A configuration with 8 sessions and a 5-second wait for a free one. */
  public static Pkcs11Config of(Path library, TokenSelector token, CredentialSource pin) {
    return new Pkcs11Config(library, token, pin, 8, Duration.ofSeconds(5));
  }

  /** The same configuration with at most {@code n} sessions. */
  public Pkcs11Config withMaxSessions(int n) {
    return new Pkcs11Config(library, token, pin, n, borrowTimeout);
  }

  /**
   * Reads {@code library}, {@code token-label} or {@code slot}, {@code pin} ({@code env:NAME} or
   * {@code file:PATH}), and optionally {@code max-sessions} and {@code session-timeout} (ISO-8601,
   * e.g. {@code PT5S}).
   */
  public static Pkcs11Config fromMap(Map<String, String> config, Map<String, String> environment) {
    for (String key : config.keySet()) {
      if (!KEYS.contains(key)) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG,
            "unknown pkcs11 setting `" + key + "`",
            "known settings: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String library = required(config, "library");
    TokenSelector token;
    if (config.containsKey("token-label") == config.containsKey("slot")) {
      throw SecretErrors.error(
          SecretCodes.BAD_CONFIG, "pkcs11 needs exactly one of `token-label` and `slot`", null);
    } else if (config.containsKey("token-label")) {
      token = TokenSelector.label(config.get("token-label"));
    } else {
      token = TokenSelector.slot(number(config, "slot"));
    }
    CredentialSource pin =
        CredentialSource.parse(required(config, "pin"), "pkcs11 `pin`", environment);
    Pkcs11Config result = of(Path.of(library), token, pin);
    if (config.containsKey("max-sessions")) {
      long n = number(config, "max-sessions");
      if (n < 1 || n > 1024) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG, "pkcs11 `max-sessions` must be between 1 and 1024", null);
      }
      result = result.withMaxSessions((int) n);
    }
    if (config.containsKey("session-timeout")) {
      try {
        Duration timeout = Duration.parse(config.get("session-timeout"));
        result = new Pkcs11Config(result.library, token, pin, result.maxSessions, timeout);
      } catch (DateTimeParseException e) {
        throw SecretErrors.error(
            SecretCodes.BAD_CONFIG,
            "pkcs11 `session-timeout` is not an ISO-8601 duration",
            "write it like `PT5S`");
      }
    }
    return result;
  }

  private static String required(Map<String, String> config, String key) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      throw SecretErrors.error(SecretCodes.BAD_CONFIG, "pkcs11 needs `" + key + "`", null);
    }
    return value;
  }

  private static long number(Map<String, String> config, String key) {
    try {
      return Long.parseLong(required(config, key).strip());
    } catch (NumberFormatException e) {
      throw SecretErrors.error(
          SecretCodes.BAD_CONFIG, "pkcs11 `" + key + "` must be a number", null);
    }
  }
}
