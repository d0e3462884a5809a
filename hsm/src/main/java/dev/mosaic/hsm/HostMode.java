package dev.mosaic.hsm;

import java.util.Locale;
import java.util.Map;

/**
 * Whether the host runs for development or in production. Development-only secret backends (the
 * environment backend) are refused in production.
 *
 * <p>The mode comes from the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENV}; {@code production}/{@code prod} and {@code development}/{@code dev} are
 * recognised, unset means development, and any other value means production so that a typo never
 * weakens a production host.
 */
public enum HostMode {
  DEVELOPMENT,
  PRODUCTION;

  /** Environment variable that selects the mode. */
  public static final String ENV = "MOSAIC_MODE";

  /** System property that selects the mode; wins over {@value #ENV}. */
  public static final String PROPERTY = "mosaic.mode";

  /** The mode of this process, from {@value #PROPERTY} or {@value #ENV}. */
  public static HostMode current() {
    return from(System.getProperty(PROPERTY), System.getenv());
  }

  /** The mode given a property value (may be {@code null}) and an environment. */
  public static HostMode from(String property, Map<String, String> environment) {
    String value = property != null ? property : environment.get(ENV);
    return parse(value);
  }

  /** Parses a mode name; blank means development, unknown means production. */
  public static HostMode parse(String value) {
    if (value == null || value.isBlank()) {
      return DEVELOPMENT;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "development", "dev" -> DEVELOPMENT;
      default -> PRODUCTION;
    };
  }
}
